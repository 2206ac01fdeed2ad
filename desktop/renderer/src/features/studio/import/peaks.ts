/**
 * A waveform overview: the lowest and highest sample of every channel together in each bucket
 * of the source, in order. Buckets are equal slices of the source's frames.
 */
export interface WaveformPeaks {
  readonly min: Float32Array;
  readonly max: Float32Array;
}

/** Buckets per second of audio, within [64, 16384]: 10 ms columns for a few minutes of audio. */
export function bucketsFor(durationSeconds: number): number {
  return Math.max(64, Math.min(16_384, Math.ceil(durationSeconds * 100)));
}

/**
 * Min/max per bucket over all channels.
 *
 * @example
 * computePeaks([new Float32Array([0, 1, -1, 0.5])], 2); // { min: [0, -1], max: [1, 0.5] }
 */
export function computePeaks(channels: readonly Float32Array[], buckets: number): WaveformPeaks {
  const frames = channels[0]?.length ?? 0;
  const n = Math.max(1, Math.min(buckets, Math.max(1, frames)));
  const min = new Float32Array(n);
  const max = new Float32Array(n);
  for (let b = 0; b < n; b++) {
    const from = Math.floor((b * frames) / n);
    const to = Math.max(from + 1, Math.floor(((b + 1) * frames) / n));
    let lo = Infinity;
    let hi = -Infinity;
    for (const c of channels) {
      for (let i = from; i < to && i < c.length; i++) {
        const v = c[i] as number;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
    min[b] = lo === Infinity ? 0 : lo;
    max[b] = hi === -Infinity ? 0 : hi;
  }
  return { min, max };
}

/** The arrangement's drawing form: one 0…1 magnitude per bucket (see clipDrawing.drawPeaks). */
export function peakColumns(p: WaveformPeaks): Float32Array {
  const out = new Float32Array(p.max.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.min(1, Math.max(Math.abs(p.min[i] as number), Math.abs(p.max[i] as number)));
  return out;
}
