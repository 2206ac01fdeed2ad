import { describe, expect, it } from 'vitest';
import { chordProgression, clickTrack, inBlocks } from './signals';
import { TrackAnalyzer } from './trackAnalyzer';

describe('TrackAnalyzer', () => {
  it('measures loudness, peaks, tempo and key of one stream in a single pass', () => {
    const fs = 44_100;
    const chords = chordProgression([[45, 57, 60, 64], [38, 57, 62, 65], [40, 56, 59, 64], [45, 57, 60, 64]], 2, fs, 2);
    const clicks = clickTrack(120, chords.length / fs, fs);
    const left = Float32Array.from(chords, (v, i) => v + 0.5 * clicks[i]!);
    const right = chords;
    const analyzer = new TrackAnalyzer({ sampleRate: fs, channels: 2, peakBuckets: 500 });
    inBlocks([left, right], 8192, (b) => analyzer.push(b));
    const r = analyzer.finish();
    expect(r.durationSec).toBeCloseTo(16, 3);
    expect(r.integratedLufs).toBeGreaterThan(-40);
    expect(r.integratedLufs).toBeLessThan(-5);
    expect(r.truePeakDbtp).toBeGreaterThanOrEqual(r.samplePeakDbfs);
    expect(r.peaks).toHaveLength(1000);
    expect(Math.abs(r.tempo!.bpm - 120)).toBeLessThanOrEqual(1);
    expect(r.key?.key).toBe('A minor');
  });
});
