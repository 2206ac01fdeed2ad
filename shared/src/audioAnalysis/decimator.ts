/**
 * Mono mix-down and integer-factor decimation to a low analysis rate (~11-12 kHz): tempo and
 * key need nothing above 5 kHz, and the FFTs get 4x cheaper. A Blackman-windowed sinc low-pass
 * (attenuation > 70 dB in the stop band) runs only at the output rate.
 */
export class Decimator {
  readonly factor: number;
  readonly outputRate: number;
  private readonly taps: Float64Array;
  private readonly history: Float64Array;
  private pos = 0;
  private phase = 0;

  /** Picks the largest factor that keeps the output rate at or above `targetRate`. */
  constructor(
    readonly inputRate: number,
    targetRate = 11_025,
  ) {
    this.factor = Math.max(1, Math.floor(inputRate / targetRate));
    this.outputRate = inputRate / this.factor;
    const length = this.factor === 1 ? 1 : 8 * this.factor + 1;
    const cutoff = 0.45 / this.factor; // cycles per input sample
    const mid = (length - 1) / 2;
    const taps = Float64Array.from({ length }, (_, i) => {
      if (length === 1) return 1;
      const t = i - mid;
      const sinc = t === 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * t) / (Math.PI * t);
      const w = 0.42 - 0.5 * Math.cos((2 * Math.PI * i) / (length - 1)) + 0.08 * Math.cos((4 * Math.PI * i) / (length - 1));
      return sinc * w;
    });
    const sum = taps.reduce((a, b) => a + b, 0);
    this.taps = taps.map((t) => t / sum);
    // Twice the filter length, so the newest `length` samples are always contiguous.
    this.history = new Float64Array(2 * length);
  }

  /** Mixes the channels to mono, filters and decimates; returns the new output samples. */
  push(block: readonly Float32Array[]): Float32Array {
    const n = block[0]?.length ?? 0;
    const len = this.taps.length;
    const out = new Float32Array(Math.ceil((n + this.phase) / this.factor) + 1);
    let produced = 0;
    const scale = 1 / block.length;
    for (let i = 0; i < n; i++) {
      let x = 0;
      for (const ch of block) x += ch[i]!;
      x *= scale;
      this.history[this.pos] = x;
      this.history[this.pos + len] = x;
      this.pos = (this.pos + 1) % len;
      if (++this.phase === this.factor) {
        this.phase = 0;
        let y = 0;
        // history[pos .. pos+len) holds the last `len` samples, oldest first.
        for (let k = 0; k < len; k++) y += this.taps[k]! * this.history[this.pos + k]!;
        out[produced++] = y;
      }
    }
    return out.subarray(0, produced);
  }
}

/**
 * Cuts a stream into overlapping frames of `size` every `hop` samples.
 *
 * @example
 * const framer = new Framer(1024, 256, (frame) => analyse(frame));
 * framer.push(samples);
 */
export class Framer {
  private readonly buffer: Float32Array;
  private fill = 0;

  constructor(
    readonly size: number,
    readonly hop: number,
    private readonly onFrame: (frame: Float32Array) => void,
  ) {
    this.buffer = new Float32Array(size);
  }

  push(samples: Float32Array): void {
    let i = 0;
    while (i < samples.length) {
      const take = Math.min(this.size - this.fill, samples.length - i);
      this.buffer.set(samples.subarray(i, i + take), this.fill);
      this.fill += take;
      i += take;
      if (this.fill === this.size) {
        this.onFrame(this.buffer);
        this.buffer.copyWithin(0, this.hop);
        this.fill = this.size - this.hop;
      }
    }
  }
}
