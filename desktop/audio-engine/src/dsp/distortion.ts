import { biquadCoefficients, createBiquadState, processBiquad, type BiquadCoefficients, type BiquadState } from './biquad';

/**
 * Distortion: drive into a tanh waveshaper run at twice the sample rate, a lowpass tone control,
 * dry/wet mix. The same sound as effects/distortion.ts (a WaveShaperNode with oversample '2x' and
 * a BiquadFilterNode): the curve is the node's curve, read with the node's linear interpolation,
 * and the 2x resampling uses the windowed-sinc kernels Chromium's WaveShaperNode uses (a 128-tap
 * interpolator, a 256-tap half-band decimator), so the wet path also carries the node's 128-frame
 * latency, which the native graph does not compensate against the dry path either.
 */

/** tanh soft clipping over ±4 of tanh's argument, normalised to ±1 (the WaveShaperNode's curve). */
export const DISTORTION_CURVE = Float32Array.from({ length: 2049 }, (_, i) => Math.tanh(((i - 1024) / 1024) * 4) / Math.tanh(4));
/** The curve spans ±4 in tanh's argument for an input of ±1: pre-scale so drive 0 dB is clean. */
export const DISTORTION_PRE = 1 / 4;
/** Frames the oversampled shaper delays its signal by (interpolator 64 + decimator 64). */
export const OVERSAMPLING_LATENCY = 128;

const UP_TAPS = 128;
const DOWN_TAPS = 256;

/** Blackman window (α 0.16) at `x` in [0, 1]. */
const blackman = (x: number) => 0.42 - 0.5 * Math.cos(2 * Math.PI * x) + 0.08 * Math.cos(4 * Math.PI * x);
const sinc = (s: number) => (s === 0 ? 1 : Math.sin(s) / s);

/** The interpolator: the input half a frame before the kernel's centre (x[n - 63.5]). */
const UP_KERNEL = Float32Array.from({ length: UP_TAPS }, (_, i) => sinc(Math.PI * (i - UP_TAPS / 2 + 0.5)) * blackman((i + 0.5) / UP_TAPS));
/** The half-band decimator's odd taps (its even taps are 0 but the centre, 0.5). */
const DOWN_ODD = Float32Array.from({ length: DOWN_TAPS / 2 }, (_, k) => {
  const i = 2 * k + 1;
  return 0.5 * sinc(0.5 * Math.PI * (i - DOWN_TAPS / 2)) * blackman(i / DOWN_TAPS);
});

/**
 * The WaveShaperNode's curve lookup: the input maps -1…1 onto the curve's ends, linearly
 * interpolated, clamped beyond.
 *
 * @example
 * shape(DISTORTION_CURVE, 0.25); // tanh(1) / tanh(4)
 */
export function shape(curve: Float32Array, x: number): number {
  const last = curve.length - 1;
  const v = 0.5 * (x + 1) * last;
  if (!(v > 0)) return curve[0]!;
  if (v >= last) return curve[last]!;
  const k = Math.floor(v);
  const f = v - k;
  return (1 - f) * curve[k]! + f * curve[k + 1]!;
}

interface ShaperChannel {
  /** The last UP_TAPS input frames, then the block. */
  input: Float32Array;
  /** The last DOWN_TAPS oversampled frames, then the block's. */
  up: Float32Array;
  readonly tone: BiquadState;
}

export interface DistortionParams {
  /** Linear gain into the shaper (drive, pre-scale included). */
  readonly drive: number;
  /** Tone lowpass cutoff, Hz. */
  readonly tone: number;
  readonly dry: number;
  readonly wet: number;
}

export interface DistortionState {
  readonly sampleRate: number;
  readonly channels: readonly [ShaperChannel, ShaperChannel];
  tone: BiquadCoefficients;
  toneHz: number;
  /** Scratch: the wet block. */
  wet: Float32Array;
}

/**
 * A distortion at rest.
 *
 * @example
 * const crunch = createDistortion(48_000);
 */
export function createDistortion(sampleRate: number): DistortionState {
  const channel = (): ShaperChannel => ({ input: new Float32Array(UP_TAPS + 128), up: new Float32Array(DOWN_TAPS + 256), tone: createBiquadState() });
  return { sampleRate, channels: [channel(), channel()], tone: { b0: 1, b1: 0, b2: 0, a1: 0, a2: 0 }, toneHz: NaN, wet: new Float32Array(128) };
}

/** x → curve at 2x → back to 1x, into `out` (OVERSAMPLING_LATENCY frames late). */
function shape2x(ch: ShaperChannel, x: Float32Array, gain: number, out: Float32Array): void {
  const n = x.length;
  if (ch.input.length !== UP_TAPS + n) {
    const input = new Float32Array(UP_TAPS + n);
    input.set(ch.input.subarray(ch.input.length - UP_TAPS));
    ch.input = input;
    const up = new Float32Array(DOWN_TAPS + 2 * n);
    up.set(ch.up.subarray(ch.up.length - DOWN_TAPS));
    ch.up = up;
  }
  const { input, up } = ch;
  for (let i = 0; i < n; i++) input[UP_TAPS + i] = Math.fround(x[i]! * gain);
  for (let i = 0; i < n; i++) {
    const at = UP_TAPS + i;
    let odd = 0;
    for (let j = 0; j < UP_TAPS; j++) odd += UP_KERNEL[j]! * input[at - j]!;
    up[DOWN_TAPS + 2 * i] = shape(DISTORTION_CURVE, input[at - UP_TAPS / 2]!);
    up[DOWN_TAPS + 2 * i + 1] = shape(DISTORTION_CURVE, Math.fround(odd));
  }
  for (let i = 0; i < n; i++) {
    const at = DOWN_TAPS + 2 * i;
    let y = 0.5 * up[at - DOWN_TAPS / 2]!;
    for (let k = 0; k < DOWN_TAPS / 2; k++) y += DOWN_ODD[k]! * up[at - 1 - 2 * k]!;
    out[i] = y;
  }
  input.copyWithin(0, n);
  up.copyWithin(0, 2 * n);
}

/**
 * Runs one block of `width` channels through the distortion, in place.
 *
 * @example
 * processDistortion(crunch, { drive: DISTORTION_PRE * 4, tone: 6000, dry: 0, wet: 1 }, l, r, 1);
 */
export function processDistortion(s: DistortionState, p: DistortionParams, l: Float32Array, r: Float32Array, width: number): void {
  if (p.tone !== s.toneHz) {
    s.toneHz = p.tone;
    // Q 0 dB of Web Audio's lowpass: a linear Q of 1.
    s.tone = biquadCoefficients('lowpass', p.tone, 1, 0, s.sampleRate);
  }
  if (s.wet.length !== l.length) s.wet = new Float32Array(l.length);
  const wet = s.wet;
  for (let c = 0; c < width; c++) {
    const x = c === 0 ? l : r;
    const ch = s.channels[c]!;
    shape2x(ch, x, p.drive, wet);
    processBiquad(s.tone, ch.tone, wet, wet);
    for (let i = 0; i < x.length; i++) x[i] = p.dry * x[i]! + p.wet * wet[i]!;
  }
}
