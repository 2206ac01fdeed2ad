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
  /** Scratch for one block: the combs' input, then the running sum. */
  fed: Float64Array;
  acc: Float64Array;
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
    fed: new Float64Array(128),
    acc: new Float64Array(128),
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
 * Filter by filter over the whole block rather than sample by sample: each comb's state lives in
 * locals for the length of the block, which roughly halves the cost; the sums are formed in the
 * same order, so the output is the same to the bit.
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
  const undamped = 1 - damp;
  const n = inL.length;
  if (s.fed.length < n) {
    s.fed = new Float64Array(n);
    s.acc = new Float64Array(n);
  }
  const fed = s.fed;
  const acc = s.acc;
  const ins = [inL, inR];
  const outs = [outL, outR];
  for (let c = 0; c < 2; c++) {
    const input = ins[c]!;
    const out = outs[c]!;
    const line = s.preDelay[c]!;
    for (let i = 0; i < n; i++) {
      const x = input[i]!;
      line.push(x);
      fed[i] = (pre < 1 ? x : line.read(pre)) * INPUT_GAIN;
      acc[i] = 0;
    }
    for (const comb of s.combs[c]!) {
      const buffer = comb.buffer;
      const len = buffer.length;
      const feedback = comb.feedback;
      let index = comb.index;
      let store = comb.store;
      for (let i = 0; i < n; i++) {
        const y = buffer[index]!;
        store = y * undamped + store * damp;
        buffer[index] = fed[i]! + store * feedback;
        if (++index === len) index = 0;
        acc[i]! += y;
      }
      comb.index = index;
      comb.store = store;
    }
    for (const ap of s.allpasses[c]!) {
      const buffer = ap.buffer;
      const len = buffer.length;
      let index = ap.index;
      for (let i = 0; i < n; i++) {
        const b = buffer[index]!;
        const v = acc[i]!;
        buffer[index] = v + b * 0.5;
        if (++index === len) index = 0;
        acc[i] = b - v;
      }
      ap.index = index;
    }
    for (let i = 0; i < n; i++) out[i] = input[i]! * dry + acc[i]! * wet;
  }
}
