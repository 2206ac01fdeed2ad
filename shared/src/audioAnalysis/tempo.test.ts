import { describe, expect, it } from 'vitest';
import { Decimator } from './decimator';
import { clickTrack, tone } from './signals.fixtures';
import { estimateTempo, OnsetEnvelope } from './tempo';

function tempoOf(x: Float32Array, fs: number) {
  const dec = new Decimator(fs);
  const onsets = new OnsetEnvelope(dec.outputRate);
  for (let i = 0; i < x.length; i += 4096) onsets.push(dec.push([x.subarray(i, i + 4096)]));
  return estimateTempo(onsets.envelope(), onsets.frameRate);
}

describe('tempo', () => {
  it('finds 120 BPM in a click track (±1)', () => {
    const t = tempoOf(clickTrack(120, 30, 44_100), 44_100);
    expect(Math.abs(t!.bpm - 120)).toBeLessThanOrEqual(1);
    expect(t!.confidence).toBeGreaterThan(0.3);
  });

  it.each([72, 90, 128, 140, 174])('finds %i BPM at 48 kHz (±1), octave errors excluded', (bpm) => {
    const t = tempoOf(clickTrack(bpm, 30, 48_000), 48_000);
    expect(Math.abs(t!.bpm - bpm)).toBeLessThanOrEqual(1);
  });

  it('reports no tempo for a steady tone, silence or a very short file', () => {
    expect(tempoOf(tone(20, -20, 44_100), 44_100)).toBeNull();
    expect(tempoOf(new Float32Array(44_100 * 10), 44_100)).toBeNull();
    expect(tempoOf(clickTrack(120, 1, 44_100), 44_100)).toBeNull();
  });
});
