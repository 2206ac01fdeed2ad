/**
 * The K-weighting of ITU-R BS.1770-4: a high-shelf "pre-filter" (the head's acoustic effect)
 * followed by a high-pass (RLB weighting). The recommendation tabulates both biquads for 48 kHz
 * only; here they are derived for any sample rate from their analogue prototypes (centre
 * frequency, gain and Q fitted to the 48 kHz table, as libebur128 and ffmpeg do), so a 44.1 kHz
 * file is measured at its own rate instead of being resampled first.
 */

/** Normalised biquad coefficients (a0 = 1): y = b0 x + b1 x[-1] + b2 x[-2] - a1 y[-1] - a2 y[-2]. */
export interface Biquad {
  readonly b0: number;
  readonly b1: number;
  readonly b2: number;
  readonly a1: number;
  readonly a2: number;
}

/**
 * The two K-weighting stages at `sampleRate`.
 *
 * @example
 * const [shelf, highPass] = kWeightingCoefficients(48_000);
 * shelf.b0; // 1.53512485958697 (BS.1770-4 Table 1)
 */
export function kWeightingCoefficients(sampleRate: number): readonly [Biquad, Biquad] {
  if (!(sampleRate > 0)) throw new RangeError(`sample rate must be positive, got ${sampleRate}`);
  // Stage 1: high shelf, +4 dB above ~1.7 kHz.
  let f0 = 1681.974450955533;
  const gainDb = 3.999843853973347;
  let q = 0.7071752369554196;
  let k = Math.tan((Math.PI * f0) / sampleRate);
  const vh = 10 ** (gainDb / 20);
  const vb = vh ** 0.4996667741545416;
  let a0 = 1 + k / q + k * k;
  const shelf: Biquad = {
    b0: (vh + (vb * k) / q + k * k) / a0,
    b1: (2 * (k * k - vh)) / a0,
    b2: (vh - (vb * k) / q + k * k) / a0,
    a1: (2 * (k * k - 1)) / a0,
    a2: (1 - k / q + k * k) / a0,
  };
  // Stage 2: second-order high-pass at ~38 Hz. Its numerator is left unnormalised (1, -2, 1), as
  // in the recommendation's table; the gain at 1 kHz then comes out right with the -0.691 offset.
  f0 = 38.13547087602444;
  q = 0.5003270373238773;
  k = Math.tan((Math.PI * f0) / sampleRate);
  a0 = 1 + k / q + k * k;
  const highPass: Biquad = { b0: 1, b1: -2, b2: 1, a1: (2 * (k * k - 1)) / a0, a2: (1 - k / q + k * k) / a0 };
  return [shelf, highPass];
}

/**
 * A K-weighting filter for one channel, streamable: its state carries over between blocks.
 *
 * @example
 * const kw = new KWeighting(44_100);
 * const out = new Float64Array(block.length);
 * kw.process(block, out);
 */
export class KWeighting {
  private readonly s: Biquad;
  private readonly h: Biquad;
  // Direct form II transposed, two state variables per stage, in float64.
  private z1 = 0;
  private z2 = 0;
  private w1 = 0;
  private w2 = 0;

  constructor(sampleRate: number) {
    [this.s, this.h] = kWeightingCoefficients(sampleRate);
  }

  /** Filters `input` into `output` (which must be at least as long). */
  process(input: Float32Array, output: Float64Array): void {
    const { s, h } = this;
    let { z1, z2, w1, w2 } = this;
    for (let n = 0; n < input.length; n++) {
      const x = input[n]!;
      const y = s.b0 * x + z1;
      z1 = s.b1 * x - s.a1 * y + z2;
      z2 = s.b2 * x - s.a2 * y;
      const v = h.b0 * y + w1;
      w1 = h.b1 * y - h.a1 * v + w2;
      w2 = h.b2 * y - h.a2 * v;
      output[n] = v;
    }
    this.z1 = z1;
    this.z2 = z2;
    this.w1 = w1;
    this.w2 = w2;
  }
}
