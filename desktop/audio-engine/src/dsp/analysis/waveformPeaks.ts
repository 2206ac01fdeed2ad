/**
 * Min/max waveform overview for a seek bar, built as a stream without knowing the length in
 * advance: frames are folded into chunks whose size doubles whenever the chunk count passes
 * twice the target, so memory stays bounded (≤ 4 × target numbers) for any length, and the
 * chunks are merged into exactly `buckets` buckets at the end.
 */

export interface WaveformPeaksResult {
  /** Lowest sample of each bucket (-1..1), over every channel. */
  min: Float32Array;
  /** Highest sample of each bucket (-1..1). */
  max: Float32Array;
}

/**
 * @example
 * const peaks = new WaveformPeaks(2000);
 * peaks.push([left, right]);
 * const { min, max } = peaks.result(); // 2000 buckets (fewer only if the file has fewer frames)
 */
export class WaveformPeaks {
  private min: number[] = [];
  private max: number[] = [];
  private chunkSize = 1;
  private fill = 0;
  private curMin = Infinity;
  private curMax = -Infinity;

  constructor(readonly buckets = 2000) {
    if (!(buckets >= 1)) throw new RangeError(`buckets must be >= 1, got ${buckets}`);
  }

  push(block: readonly Float32Array[]): void {
    const n = block[0]?.length ?? 0;
    for (let i = 0; i < n; i++) {
      for (const ch of block) {
        const v = ch[i]!;
        if (v < this.curMin) this.curMin = v;
        if (v > this.curMax) this.curMax = v;
      }
      if (++this.fill === this.chunkSize) this.closeChunk();
    }
  }

  private closeChunk(): void {
    this.min.push(this.curMin);
    this.max.push(this.curMax);
    this.fill = 0;
    this.curMin = Infinity;
    this.curMax = -Infinity;
    if (this.min.length >= 4 * this.buckets) {
      // Halve the resolution: pairs of chunks become one.
      const half = (a: number[], pick: (x: number, y: number) => number) => Array.from({ length: a.length / 2 }, (_, i) => pick(a[2 * i]!, a[2 * i + 1]!));
      this.min = half(this.min, Math.min);
      this.max = half(this.max, Math.max);
      this.chunkSize *= 2;
    }
  }

  /** The overview in `buckets` buckets (fewer when there are fewer frames than buckets). */
  result(buckets = this.buckets): WaveformPeaksResult {
    const min = [...this.min];
    const max = [...this.max];
    if (this.fill > 0) {
      min.push(this.curMin);
      max.push(this.curMax);
    }
    const out = Math.min(buckets, min.length);
    const r: WaveformPeaksResult = { min: new Float32Array(out), max: new Float32Array(out) };
    for (let b = 0; b < out; b++) {
      const from = Math.floor((b * min.length) / out);
      const to = Math.max(from + 1, Math.floor(((b + 1) * min.length) / out));
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = from; i < to; i++) {
        lo = Math.min(lo, min[i]!);
        hi = Math.max(hi, max[i]!);
      }
      r.min[b] = lo;
      r.max[b] = hi;
    }
    return r;
  }
}

/**
 * Quantises an overview to signed bytes (value × 127, clamped), interleaved min, max: what is
 * stored (2 bytes per bucket).
 *
 * @example
 * quantisePeaks({ min: new Float32Array([-1]), max: new Float32Array([0.5]) }); // Int8Array [-127, 64]
 */
export function quantisePeaks(p: WaveformPeaksResult): Int8Array {
  const q = (v: number) => Math.max(-127, Math.min(127, Math.round(v * 127)));
  const out = new Int8Array(p.min.length * 2);
  for (let i = 0; i < p.min.length; i++) {
    out[2 * i] = q(p.min[i]!);
    out[2 * i + 1] = q(p.max[i]!);
  }
  return out;
}

/**
 * Reduces a quantised overview (interleaved min, max) to fewer buckets, keeping the extremes.
 *
 * @example
 * downsamplePeaks(stored, 500); // { min: number[500], max: number[500] }
 */
export function downsamplePeaks(interleaved: Int8Array, buckets: number): { min: number[]; max: number[] } {
  const have = interleaved.length / 2;
  const out = Math.max(0, Math.min(buckets, have));
  const min: number[] = [];
  const max: number[] = [];
  for (let b = 0; b < out; b++) {
    const from = Math.floor((b * have) / out);
    const to = Math.max(from + 1, Math.floor(((b + 1) * have) / out));
    let lo = 127;
    let hi = -127;
    for (let i = from; i < to; i++) {
      lo = Math.min(lo, interleaved[2 * i]!);
      hi = Math.max(hi, interleaved[2 * i + 1]!);
    }
    min.push(lo);
    max.push(hi);
  }
  return { min, max };
}
