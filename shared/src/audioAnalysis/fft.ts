/**
 * In-place radix-2 FFT over float64 arrays, with tables built once per size: enough for the
 * short-time spectra of onset detection and chroma (sizes 512-8192).
 */
export class Fft {
  private readonly cos: Float64Array;
  private readonly sin: Float64Array;
  private readonly rev: Uint32Array;

  constructor(readonly size: number) {
    if (size < 2 || (size & (size - 1)) !== 0) throw new RangeError(`FFT size must be a power of two, got ${size}`);
    this.cos = new Float64Array(size / 2);
    this.sin = new Float64Array(size / 2);
    for (let i = 0; i < size / 2; i++) {
      this.cos[i] = Math.cos((2 * Math.PI * i) / size);
      this.sin[i] = -Math.sin((2 * Math.PI * i) / size);
    }
    this.rev = new Uint32Array(size);
    const bits = Math.log2(size);
    for (let i = 0; i < size; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
      this.rev[i] = r;
    }
  }

  /** Forward transform of (re, im) in place. */
  transform(re: Float64Array, im: Float64Array): void {
    const n = this.size;
    for (let i = 0; i < n; i++) {
      const j = this.rev[i]!;
      if (j > i) {
        [re[i], re[j]] = [re[j]!, re[i]!];
        [im[i], im[j]] = [im[j]!, im[i]!];
      }
    }
    for (let len = 2; len <= n; len <<= 1) {
      const half = len >> 1;
      const step = n / len;
      for (let start = 0; start < n; start += len) {
        for (let k = 0; k < half; k++) {
          const wr = this.cos[k * step]!;
          const wi = this.sin[k * step]!;
          const a = start + k;
          const b = a + half;
          const xr = re[b]! * wr - im[b]! * wi;
          const xi = re[b]! * wi + im[b]! * wr;
          re[b] = re[a]! - xr;
          im[b] = im[a]! - xi;
          re[a] = re[a]! + xr;
          im[a] = im[a]! + xi;
        }
      }
    }
  }
}

/**
 * Magnitude spectrum (bins 0..size/2) of a real frame after a Hann window.
 *
 * @example
 * const spectrum = new MagnitudeSpectrum(1024);
 * const mags = spectrum.of(frame); // Float64Array(513)
 */
export class MagnitudeSpectrum {
  private readonly fft: Fft;
  private readonly window: Float64Array;
  private readonly re: Float64Array;
  private readonly im: Float64Array;
  private readonly out: Float64Array;

  constructor(readonly size: number) {
    this.fft = new Fft(size);
    this.window = Float64Array.from({ length: size }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / size));
    this.re = new Float64Array(size);
    this.im = new Float64Array(size);
    this.out = new Float64Array(size / 2 + 1);
  }

  /** The magnitudes; the returned array is reused by the next call. */
  of(frame: Float32Array): Float64Array {
    for (let i = 0; i < this.size; i++) this.re[i] = (frame[i] ?? 0) * this.window[i]!;
    this.im.fill(0);
    this.fft.transform(this.re, this.im);
    for (let k = 0; k < this.out.length; k++) this.out[k] = Math.hypot(this.re[k]!, this.im[k]!);
    return this.out;
  }
}
