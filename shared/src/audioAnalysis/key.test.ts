import { describe, expect, it } from 'vitest';
import { Decimator } from './decimator';
import { Chromagram, estimateKey } from './key';
import { chordProgression } from './signals.fixtures';

function keyOf(x: Float32Array, fs: number) {
  const dec = new Decimator(fs);
  const chroma = new Chromagram(dec.outputRate);
  for (let i = 0; i < x.length; i += 4096) chroma.push(dec.push([x.subarray(i, i + 4096)]));
  return estimateKey(chroma.vector());
}

// MIDI notes: C4 = 60. Voicings with a bass note, as a keyboard player would.
const C_MAJOR = [[48, 60, 64, 67], [41, 60, 65, 69], [43, 59, 62, 67], [48, 60, 64, 67]]; // C F G C
const A_MINOR = [[45, 57, 60, 64], [38, 57, 62, 65], [40, 56, 59, 64], [45, 57, 60, 64]]; // Am Dm E Am
const transpose = (chords: number[][], by: number) => chords.map((c) => c.map((n) => n + by));

describe('key', () => {
  it('finds C major in I-IV-V-I', () => {
    expect(keyOf(chordProgression(C_MAJOR, 2, 44_100, 2), 44_100)).toMatchObject({ key: 'C major', mode: 'major' });
  });

  it('finds A minor in i-iv-V-i (the relative minor, told apart by G#)', () => {
    const k = keyOf(chordProgression(A_MINOR, 2, 44_100, 2), 44_100);
    expect(k).toMatchObject({ key: 'A minor', tonic: 'A', mode: 'minor' });
    expect(k!.confidence).toBeGreaterThan(0.5);
  });

  it('follows a transposition: Eb major and F# minor at 48 kHz', () => {
    expect(keyOf(chordProgression(transpose(C_MAJOR, 3), 2, 48_000, 2), 48_000)?.key).toBe('Eb major');
    expect(keyOf(chordProgression(transpose(A_MINOR, -3), 2, 48_000, 2), 48_000)?.key).toBe('F# minor');
  });

  it('reports no key for silence', () => {
    expect(keyOf(new Float32Array(44_100 * 2), 44_100)).toBeNull();
    expect(estimateKey(new Float64Array(12))).toBeNull();
  });
});
