import { describe, expect, it } from 'vitest';
import { chordProgression, clickTrack } from './signals.fixtures';
import { ANALYSIS_RATE, TempoKeyAnalyzer } from './tempoKey';

function analyse(x: Float32Array) {
  const a = new TempoKeyAnalyzer(ANALYSIS_RATE);
  for (let i = 0; i < x.length; i += 1000) a.push(x.subarray(i, i + 1000));
  return a.finish();
}

describe('TempoKeyAnalyzer', () => {
  it('finds the tempo of a click track at the analysis rate', () => {
    const { tempo } = analyse(clickTrack(128, 20, ANALYSIS_RATE));
    expect(Math.abs(tempo!.bpm - 128)).toBeLessThanOrEqual(1);
  });

  it('finds the key of a chord progression and a click track together', () => {
    const chords = chordProgression([[45, 57, 60, 64], [38, 57, 62, 65], [40, 56, 59, 64], [45, 57, 60, 64]], 2, ANALYSIS_RATE, 3);
    const clicks = clickTrack(90, chords.length / ANALYSIS_RATE, ANALYSIS_RATE);
    const mix = chords.map((v, i) => v + 0.3 * clicks[i]!);
    const { tempo, key } = analyse(mix);
    expect(key?.key).toBe('A minor');
    expect(Math.abs(tempo!.bpm - 90)).toBeLessThanOrEqual(1);
  });

  it('reports neither for silence', () => {
    expect(analyse(new Float32Array(ANALYSIS_RATE * 8))).toEqual({ tempo: null, key: null });
  });
});
