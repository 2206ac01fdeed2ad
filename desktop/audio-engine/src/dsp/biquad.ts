/**
 * Biquad filters with the coefficients of Robert Bristow-Johnson's "Audio EQ Cookbook", in
 * transposed direct form II (the form with the best float behaviour for audio). The same
 * formulas as Web Audio's BiquadFilterNode, except that `q` is always the linear Q here (Web
 * Audio reads the lowpass/highpass Q in dB; see {@link webAudioQ}).
 */

export type BiquadType = 'lowpass' | 'highpass' | 'bandpass' | 'notch' | 'peaking' | 'lowshelf' | 'highshelf';

/** Normalised coefficients (a0 = 1). */
export interface BiquadCoefficients {
  readonly b0: number;
  readonly b1: number;
  readonly b2: number;
  readonly a1: number;
  readonly a2: number;
}

/** The Q of a second-order Butterworth section: -3.01 dB at the cutoff, no peak. */
export const BUTTERWORTH_Q = Math.SQRT1_2;

/**
 * Cookbook coefficients. `gainDb` is used by peaking and shelves only; shelves use slope S = 1.
 *
 * @example
 * const lp = biquadCoefficients('lowpass', 1000, BUTTERWORTH_Q, 0, 48_000);
 */
export function biquadCoefficients(type: BiquadType, frequency: number, q: number, gainDb: number, sampleRate: number): BiquadCoefficients {
  const f = Math.min(Math.max(frequency, 1), sampleRate * 0.499);
  const w0 = (2 * Math.PI * f) / sampleRate;
  const cos = Math.cos(w0);
  const sin = Math.sin(w0);
  const A = 10 ** (gainDb / 40);
  const alpha = sin / (2 * Math.max(q, 1e-4));
  let b0: number, b1: number, b2: number, a0: number, a1: number, a2: number;
  switch (type) {
    case 'lowpass':
      [b0, b1, b2, a0, a1, a2] = [(1 - cos) / 2, 1 - cos, (1 - cos) / 2, 1 + alpha, -2 * cos, 1 - alpha];
      break;
    case 'highpass':
      [b0, b1, b2, a0, a1, a2] = [(1 + cos) / 2, -(1 + cos), (1 + cos) / 2, 1 + alpha, -2 * cos, 1 - alpha];
      break;
    case 'bandpass':
      [b0, b1, b2, a0, a1, a2] = [alpha, 0, -alpha, 1 + alpha, -2 * cos, 1 - alpha];
      break;
    case 'notch':
      [b0, b1, b2, a0, a1, a2] = [1, -2 * cos, 1, 1 + alpha, -2 * cos, 1 - alpha];
      break;
    case 'peaking':
      [b0, b1, b2, a0, a1, a2] = [1 + alpha * A, -2 * cos, 1 - alpha * A, 1 + alpha / A, -2 * cos, 1 - alpha / A];
      break;
    case 'lowshelf':
    case 'highshelf': {
      const s = type === 'lowshelf' ? 1 : -1;
      const beta = 2 * Math.sqrt(A) * (sin / 2) * Math.SQRT2; // S = 1: alpha = sin/2 · √2
      b0 = A * (A + 1 - s * (A - 1) * cos + beta);
      b1 = 2 * s * A * (A - 1 - s * (A + 1) * cos);
      b2 = A * (A + 1 - s * (A - 1) * cos - beta);
      a0 = A + 1 + s * (A - 1) * cos + beta;
      a1 = -2 * s * (A - 1 + s * (A + 1) * cos);
      a2 = A + 1 + s * (A - 1) * cos - beta;
      break;
    }
  }
  return { b0: b0 / a0, b1: b1 / a0, b2: b2 / a0, a1: a1 / a0, a2: a2 / a0 };
}

/**
 * Magnitude response (linear) of a biquad at `frequency`.
 *
 * @example
 * magnitudeAt(lp, 1000, 48_000); // 0.7071 (-3.01 dB) for a Butterworth lowpass at its cutoff
 */
export function magnitudeAt(c: BiquadCoefficients, frequency: number, sampleRate: number): number {
  const w = (2 * Math.PI * frequency) / sampleRate;
  // H(e^jw) = (b0 + b1 z^-1 + b2 z^-2) / (1 + a1 z^-1 + a2 z^-2)
  const cr1 = Math.cos(w), ci1 = -Math.sin(w), cr2 = Math.cos(2 * w), ci2 = -Math.sin(2 * w);
  const nr = c.b0 + c.b1 * cr1 + c.b2 * cr2, ni = c.b1 * ci1 + c.b2 * ci2;
  const dr = 1 + c.a1 * cr1 + c.a2 * cr2, di = c.a1 * ci1 + c.a2 * ci2;
  return Math.sqrt((nr * nr + ni * ni) / (dr * dr + di * di));
}

/** The two state variables of one channel (transposed direct form II). */
export interface BiquadState {
  z1: number;
  z2: number;
}

export const createBiquadState = (): BiquadState => ({ z1: 0, z2: 0 });

/**
 * Filters `input` into `output` (may be the same array) and advances the state.
 *
 * @example
 * processBiquad(coefficients, state, block, block);
 */
export function processBiquad(c: BiquadCoefficients, state: BiquadState, input: Float32Array, output: Float32Array): void {
  const { b0, b1, b2, a1, a2 } = c;
  let { z1, z2 } = state;
  for (let i = 0; i < input.length; i++) {
    const x = input[i]!;
    const y = b0 * x + z1;
    z1 = b1 * x - a1 * y + z2;
    z2 = b2 * x - a2 * y;
    output[i] = y;
  }
  // Denormals cost dearly on some CPUs once a filter rings down to nothing.
  state.z1 = Math.abs(z1) < 1e-25 ? 0 : z1;
  state.z2 = Math.abs(z2) < 1e-25 ? 0 : z2;
}

/**
 * The Q value to give a Web Audio BiquadFilterNode for a linear `q`: its lowpass and highpass
 * read Q in dB; bandpass, notch and peaking read it linearly.
 *
 * @example
 * webAudioQ('lowpass', Math.SQRT1_2); // -3.01
 */
export function webAudioQ(type: BiquadType, q: number): number {
  return type === 'lowpass' || type === 'highpass' ? 20 * Math.log10(Math.max(q, 1e-4)) : q;
}
