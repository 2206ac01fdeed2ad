import { describe, expect, it } from 'vitest';
import { detectOnset, medianSeconds, onFrame, roundTrip } from './latency';

describe('latency measurement', () => {
  it('finds a click where it crosses half its peak, and nothing in silence', () => {
    const s = new Float32Array(1000);
    s[400] = 0.3;
    s[401] = 0.9;
    s[402] = 0.5;
    expect(detectOnset(s, 0, 1000)).toBe(401);
    expect(detectOnset(s, 0, 300)).toBeNull();
    expect(detectOnset(s, 402, 1000)).toBe(402);
  });

  it('measures the round trip from the capture start and emission time', () => {
    // Captured from context time 2.0 at 48 kHz; a click emitted at 2.1 came back at frame 5150.
    expect(roundTrip(5150, 2, 48_000, 2.1)).toBeCloseTo(0.0072917, 6);
    expect(medianSeconds([0.0073, 0.5, 0.0072])).toBe(0.0073);
    expect(medianSeconds([1, 3])).toBe(2);
    expect(medianSeconds([])).toBeNull();
    expect(onFrame(1.00001, 48_000) * 48_000).toBeCloseTo(48_001, 6);
    expect(onFrame(1, 48_000)).toBe(1);
  });
});
