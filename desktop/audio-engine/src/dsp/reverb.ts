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
    // Four combs per pass over the block (their states in locals): a quarter of the passes over
    // `fed` and `acc`. The sum takes the combs in the same order, so the output is the same to the bit.
    const combs = s.combs[c]!;
    for (let k = 0; k + 3 < combs.length; k += 4) {
      const c0 = combs[k]!;
      const c1 = combs[k + 1]!;
      const c2 = combs[k + 2]!;
      const c3 = combs[k + 3]!;
      const b0 = c0.buffer;
      const b1 = c1.buffer;
      const b2 = c2.buffer;
      const b3 = c3.buffer;
      const f0 = c0.feedback;
      const f1 = c1.feedback;
      const f2 = c2.feedback;
      const f3 = c3.feedback;
      let i0 = c0.index;
      let i1 = c1.index;
      let i2 = c2.index;
      let i3 = c3.index;
      let s0 = c0.store;
      let s1 = c1.store;
      let s2 = c2.store;
      let s3 = c3.store;
      for (let i = 0; i < n; i++) {
        const x = fed[i]!;
        const y0 = b0[i0]!;
        s0 = y0 * undamped + s0 * damp;
        b0[i0] = x + s0 * f0;
        if (++i0 === b0.length) i0 = 0;
        const y1 = b1[i1]!;
        s1 = y1 * undamped + s1 * damp;
        b1[i1] = x + s1 * f1;
        if (++i1 === b1.length) i1 = 0;
        const y2 = b2[i2]!;
        s2 = y2 * undamped + s2 * damp;
        b2[i2] = x + s2 * f2;
        if (++i2 === b2.length) i2 = 0;
        const y3 = b3[i3]!;
        s3 = y3 * undamped + s3 * damp;
        b3[i3] = x + s3 * f3;
        if (++i3 === b3.length) i3 = 0;
        let a = acc[i]!;
        a += y0;
        a += y1;
        a += y2;
        a += y3;
        acc[i] = a;
      }
      c0.index = i0;
      c1.index = i1;
      c2.index = i2;
      c3.index = i3;
      c0.store = s0;
      c1.store = s1;
      c2.store = s2;
      c3.store = s3;
    }
    // The four allpasses in series, sample by sample in one pass (the same operations in the same order).
    const [p0, p1, p2, p3] = s.allpasses[c] as [Allpass, Allpass, Allpass, Allpass];
    const a0 = p0.buffer;
    const a1 = p1.buffer;
    const a2 = p2.buffer;
    const a3 = p3.buffer;
    let j0 = p0.index;
    let j1 = p1.index;
    let j2 = p2.index;
    let j3 = p3.index;
    for (let i = 0; i < n; i++) {
      let v = acc[i]!;
      let b = a0[j0]!;
      a0[j0] = v + b * 0.5;
      if (++j0 === a0.length) j0 = 0;
      v = b - v;
      b = a1[j1]!;
      a1[j1] = v + b * 0.5;
      if (++j1 === a1.length) j1 = 0;
      v = b - v;
      b = a2[j2]!;
      a2[j2] = v + b * 0.5;
      if (++j2 === a2.length) j2 = 0;
      v = b - v;
      b = a3[j3]!;
      a3[j3] = v + b * 0.5;
      if (++j3 === a3.length) j3 = 0;
      acc[i] = b - v;
    }
    p0.index = j0;
    p1.index = j1;
    p2.index = j2;
    p3.index = j3;
    for (let i = 0; i < n; i++) out[i] = input[i]! * dry + acc[i]! * wet;
  }
}
