/**
 * Round-trip latency: a click leaves the graph at a known context time and comes back through
 * the input (speaker → mic, a loopback cable, or in tests an in-graph delay). The recorder
 * stamps every captured frame with the context time the graph heard it, so the difference is
 * the whole trip: output latency + the input's latency. Audio recorded while playing along is
 * late by exactly that much against the transport, which schedules song time on the context
 * clock, so recorded clips move earlier by the whole round trip.
 */

/**
 * The first frame of `samples` in [from, to) whose magnitude reaches `ratio` of the window's
 * peak, or null when the window holds nothing above `floor` (no click came back).
 *
 * @example
 * detectOnset(Float32Array.of(0, 0, 0.2, 1, 0.3), 0, 5); // 3
 */
export function detectOnset(samples: Float32Array, from: number, to: number, ratio = 0.5, floor = 0.01): number | null {
  const a = Math.max(0, Math.floor(from));
  const b = Math.min(samples.length, Math.ceil(to));
  let peak = 0;
  for (let i = a; i < b; i++) peak = Math.max(peak, Math.abs(samples[i] as number));
  if (peak < floor) return null;
  const threshold = peak * ratio;
  for (let i = a; i < b; i++) if (Math.abs(samples[i] as number) >= threshold) return i;
  return null;
}

/** The median of round trips measured click by click (robust to one missed or doubled click). */
export function medianSeconds(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * The round trip of one click: when it came back minus when it left (both context seconds).
 * The recorder's first frame is at `startTime`; the click was emitted at `emitted`.
 */
export function roundTrip(onsetFrame: number, startTime: number, sampleRate: number, emitted: number): number {
  return startTime + onsetFrame / sampleRate - emitted;
}

/** A context time on the sample grid (the next frame at or after `time`), so a click starts exactly there. */
export const onFrame = (time: number, sampleRate: number): number => Math.ceil(time * sampleRate - 1e-6) / sampleRate;
