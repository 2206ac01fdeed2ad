import { DelayLine } from './delayLine';

/**
 * Freeverb (Jezar, public domain): per channel eight parallel lowpass-feedback comb filters and
 * four series allpasses, the right channel's delays 23 samples longer for width. The comb
 * feedback is derived from the decay time (RT60) per comb, so `decay` means what it says at any
 * sample rate; `damping` is the corner of the one-pole lowpass in each comb's loop.
 */

const COMBS = [1116, 1188, 1277, 1356, 1422, 1491, 1557, 1617];
const ALLPASSES = [556, 441, 341, 225];
const SPREAD = 23;
/** Freeverb's input attenuation: the combs sum eight ways. */
const INPUT_GAIN = 0.015;

export interface ReverbOptions {
  /** RT60 in seconds. */
  decay: number;
  /** Seconds before the first reflection. */
  preDelay: number;
  /** Corner of the damping lowpass, Hz. */
  damping: number;
  /** Wet share, [0, 1]; the dry share is 1 - mix. */
  mix: number;
}

export const DEFAULT_REVERB: Readonly<ReverbOptions> = { decay: 2.5, preDelay: 0.02, damping: 8000, mix: 1 };

interface Comb {
  readonly buffer: Float32Array;
  index: number;
  store: number;
  feedback: number;
}
interface Allpass {
  readonly buffer: Float32Array;
  index: number;
}

export interface ReverbState {
  readonly sampleRate: number;
  options: ReverbOptions;
  readonly combs: Comb[][];
  readonly allpasses: Allpass[][];
  readonly preDelay: DelayLine[];
  damp: number;
}

/**
 * A silent reverb for two channels.
 *
 * @example
 * const hall = createReverb({ decay: 3.5 }, 48_000);
 */
export function createReverb(options: Partial<ReverbOptions>, sampleRate: number): ReverbState {
  const scale = sampleRate / 44_100;
  const state: ReverbState = {
    sampleRate,
    options: { ...DEFAULT_REVERB, ...options },
    combs: [0, SPREAD].map((spread) => COMBS.map((n) => ({ buffer: new Float32Array(Math.round((n + spread) * scale)), index: 0, store: 0, feedback: 0 }))),
    allpasses: [0, SPREAD].map((spread) => ALLPASSES.map((n) => ({ buffer: new Float32Array(Math.round((n + spread) * scale)), index: 0 }))),
    preDelay: [0, 1].map(() => new DelayLine(Math.ceil(0.5 * sampleRate))),
    damp: 0,
  };
  setReverbOptions(state, state.options);
  return state;
}

/**
 * Changes decay, damping, pre-delay or mix without clearing the tail.
 *
 * @example
 * setReverbOptions(hall, { decay: 1.2 });
 */
export function setReverbOptions(state: ReverbState, options: Partial<ReverbOptions>): void {
  const o = (state.options = { ...state.options, ...options });
  for (const channel of state.combs) {
    // Each pass through a comb loses 60 dB × (length / RT60 samples).
    for (const comb of channel) comb.feedback = 10 ** ((-3 * comb.buffer.length) / (Math.max(0.05, o.decay) * state.sampleRate));
  }
  state.damp = Math.exp((-2 * Math.PI * Math.min(o.damping, state.sampleRate / 2)) / state.sampleRate);
}

/**
 * Reverberates a stereo block (`right` may be the same array as `left` for mono input, when the
 * outputs are distinct).
 *
 * @example
 * processReverb(hall, inL, inR, outL, outR);
 */
export function processReverb(s: ReverbState, inL: Float32Array, inR: Float32Array, outL: Float32Array, outR: Float32Array): void {
  const { mix, preDelay } = s.options;
  const wet = mix;
  const dry = 1 - mix;
  const pre = preDelay * s.sampleRate;
  const damp = s.damp;
  const ins = [inL, inR];
  const outs = [outL, outR];
  for (let c = 0; c < 2; c++) {
    const input = ins[c]!;
    const out = outs[c]!;
    const combs = s.combs[c]!;
    const allpasses = s.allpasses[c]!;
    const line = s.preDelay[c]!;
    for (let i = 0; i < input.length; i++) {
      const x = input[i]!;
      line.push(x);
      const fed = (pre < 1 ? x : line.read(pre)) * INPUT_GAIN;
      let acc = 0;
      for (let k = 0; k < combs.length; k++) {
        const comb = combs[k]!;
        const y = comb.buffer[comb.index]!;
        comb.store = y * (1 - damp) + comb.store * damp;
        comb.buffer[comb.index] = fed + comb.store * comb.feedback;
        if (++comb.index === comb.buffer.length) comb.index = 0;
        acc += y;
      }
      for (let k = 0; k < allpasses.length; k++) {
        const ap = allpasses[k]!;
        const b = ap.buffer[ap.index]!;
        ap.buffer[ap.index] = acc + b * 0.5;
        if (++ap.index === ap.buffer.length) ap.index = 0;
        acc = b - acc;
      }
      out[i] = x * dry + acc * wet;
    }
  }
}
