import { decibels } from '@encore/shared/units';
import { createChorus, processChorus } from './chorus';
import { createDistortion, processDistortion } from './distortion';
import { biquadCoefficients, createBiquadState, processBiquad, type BiquadCoefficients, type BiquadState, type BiquadType } from './biquad';
import { createCompressor, createGate, processCompressor, processGate, type CompressorState, type GateState } from './compressor';
import { dbToGain } from './gain';
import { createLimiter, processLimiter, type LimiterState } from './limiter';
import { createReverb, processReverb, setReverbOptions, type ReverbState } from './reverb';

/**
 * A whole device chain over one or two channel blocks, for the fused channel processor: each
 * stage reads its parameters from a flat array of slots (k-rate, as the processor fills it at
 * the start of each block) and processes the blocks in place. Stage for stage it computes what
 * the native nodes of effects/ compute (same cookbook biquads with Web Audio's Q units, the same
 * compressor, gate, reverb and limiter kernels, a feedback delay with linear interpolation), so a
 * fused track sounds like its node graph while costing one processor call per block.
 */

/** Slots of each stage, from its `slot` on. */
export const STAGE_SLOTS = { biquad: 3, gain: 1, compressor: 6, gate: 4, delay: 4, reverb: 4, limiter: 2, chorus: 5, distortion: 4 } as const;

/**
 * One stage: biquad (frequency Hz, Q in Web Audio units, gain dB), gain (linear), compressor
 * (threshold dB, ratio, knee dB, makeup dB, attack s, release s), gate (threshold dB, attack,
 * hold, release s), delay (time s, feedback, dry, wet), reverb (decay s, pre-delay s, damping
 * Hz, mix), limiter (ceiling dB, release s; its look-ahead is its latency), chorus (rate Hz,
 * delay s, sweep s, dry, wet) or distortion (drive gain, tone Hz, dry, wet). A compressor or gate
 * with a `key` listens to that sidechain block (see {@link processChain}) instead of its input.
 */
export type ChainStageSpec =
  | { readonly kind: 'biquad'; readonly slot: number; readonly type: BiquadType }
  | { readonly kind: 'gain' | 'reverb' | 'chorus' | 'distortion'; readonly slot: number }
  | { readonly kind: 'compressor' | 'gate'; readonly slot: number; readonly key?: number }
  | { readonly kind: 'delay'; readonly slot: number; readonly maxDelay: number }
  | { readonly kind: 'limiter'; readonly slot: number; readonly lookahead: number };

interface Stage {
  readonly spec: ChainStageSpec;
  /** Slot values the stage was last configured with. */
  readonly seen: Float64Array;
  process(values: Float64Array, changed: boolean, l: Float32Array, r: Float32Array, width: number, keys: KeyBlocks): number;
}

/** Sidechain blocks by key index: each the key's channels for this block (empty: silence). */
export type KeyBlocks = readonly (readonly Float32Array[])[];

const NO_KEYS: KeyBlocks = [];

/**
 * The key block `k` of `keys`; undefined (the stage listens to its input) when the key has no
 * channels, as a DynamicsNode does with its sidechain input unconnected.
 */
function keyOf(keys: KeyBlocks, k: number): readonly Float32Array[] | undefined {
  const key = keys[k];
  return key && key.length > 0 ? key : undefined;
}

export interface ChainState {
  readonly stages: readonly Stage[];
  readonly sampleRate: number;
  /** Frames the chain delays its input by (the limiters' look-ahead). */
  readonly latency: number;
}

/** The Q Web Audio's lowpass and highpass read in dB, as the linear Q of the cookbook. */
const linearQ = (type: BiquadType, q: number) => (type === 'lowpass' || type === 'highpass' ? 10 ** (q / 20) : q);

function biquadStage(spec: Extract<ChainStageSpec, { kind: 'biquad' }>, sampleRate: number): Stage['process'] {
  let c: BiquadCoefficients = { b0: 1, b1: 0, b2: 0, a1: 0, a2: 0 };
  const states: BiquadState[] = [createBiquadState(), createBiquadState()];
  return (v, changed, l, r, width) => {
    if (changed) c = biquadCoefficients(spec.type, v[spec.slot]!, linearQ(spec.type, v[spec.slot + 1]!), v[spec.slot + 2]!, sampleRate);
    processBiquad(c, states[0]!, l, l);
    if (width > 1) processBiquad(c, states[1]!, r, r);
    return width;
  };
}

/** Frames a native feedback loop (a cycle through a DelayNode) adds to each pass. */
const CYCLE_LAG = 128;
const LAG_MASK = CYCLE_LAG - 1; // a power of two

function delayStage(spec: Extract<ChainStageSpec, { kind: 'delay' }>, sampleRate: number): Stage['process'] {
  const size = Math.ceil(spec.maxDelay * sampleRate) + 2;
  const lines = [new Float32Array(size), new Float32Array(size)];
  // Web Audio renders a feedback cycle one quantum late: the fed-back echo re-enters 128 frames after it leaves.
  const returns = [new Float32Array(CYCLE_LAG), new Float32Array(CYCLE_LAG)];
  let write = 0;
  return (v, _changed, l, r, width) => {
    const d = Math.min(Math.max(v[spec.slot]! * sampleRate, 1), size - 2);
    const feedback = v[spec.slot + 1]!;
    const dry = v[spec.slot + 2]!;
    const wet = v[spec.slot + 3]!;
    const whole = Math.floor(d);
    const frac = d - whole;
    const frames = l.length;
    for (let c = 0; c < width; c++) {
      const line = lines[c]!;
      const back = returns[c]!;
      const x = c === 0 ? l : r;
      let w = write;
      let i0 = w - whole;
      if (i0 < 0) i0 += size;
      // i1 trails i0 by one frame; frac 0 (a whole-frame delay) then reads i0 alone, exactly.
      let i1 = i0 === 0 ? size - 1 : i0 - 1;
      const keep = 1 - frac;
      let k = write & LAG_MASK;
      for (let i = 0; i < frames; i++) {
        const y = line[i0]! * keep + line[i1]! * frac;
        const input = x[i]!;
        line[w] = input + back[k]!;
        back[k] = feedback * y;
        x[i] = dry * input + wet * y;
        if (++w === size) w = 0;
        i1 = i0;
        if (++i0 === size) i0 = 0;
        k = (k + 1) & LAG_MASK;
      }
    }
    write = (write + frames) % size;
    return width;
  };
}

function makeStage(spec: ChainStageSpec, sampleRate: number): Stage {
  const seen = new Float64Array(STAGE_SLOTS[spec.kind]).fill(NaN);
  const s = spec.slot;
  let process: Stage['process'];
  switch (spec.kind) {
    case 'biquad':
      process = biquadStage(spec, sampleRate);
      break;
    case 'gain':
      process = (v, _c, l, r, width) => {
        const g = v[s]!;
        if (g !== 1) for (let c = 0; c < width; c++) for (let i = 0, x = c === 0 ? l : r; i < x.length; i++) x[i]! *= g;
        return width;
      };
      break;
    case 'compressor': {
      const key = spec.key;
      const state: CompressorState = createCompressor({}, sampleRate);
      const io = [[], [new Float32Array(0)], [new Float32Array(0), new Float32Array(0)]] as Float32Array[][];
      process = (v, changed, l, r, width, keys) => {
        if (changed) {
          const o = state.options;
          o.threshold = decibels(v[s]!);
          o.ratio = v[s + 1]!;
          o.knee = decibels(v[s + 2]!);
          o.makeup = decibels(v[s + 3]!);
          o.attack = v[s + 4]!;
          o.release = v[s + 5]!;
        }
        const blocks = io[width]!;
        blocks[0] = l;
        if (width > 1) blocks[1] = r;
        processCompressor(state, blocks, blocks, key === undefined ? undefined : keyOf(keys, key));
        return width;
      };
      break;
    }
    case 'gate': {
      const key = spec.key;
      const state: GateState = createGate({}, sampleRate);
      const io = [[], [new Float32Array(0)], [new Float32Array(0), new Float32Array(0)]] as Float32Array[][];
      process = (v, changed, l, r, width, keys) => {
        if (changed) {
          const o = state.options;
          o.threshold = decibels(v[s]!);
          o.attack = v[s + 1]!;
          o.hold = v[s + 2]!;
          o.release = v[s + 3]!;
        }
        const blocks = io[width]!;
        blocks[0] = l;
        if (width > 1) blocks[1] = r;
        processGate(state, blocks, blocks, key === undefined ? undefined : keyOf(keys, key));
        return width;
      };
      break;
    }
    case 'delay':
      process = delayStage(spec, sampleRate);
      break;
    case 'reverb': {
      const state: ReverbState = createReverb({}, sampleRate);
      const outL = new Float32Array(128);
      const outR = new Float32Array(128);
      process = (v, changed, l, r, width) => {
        if (changed) setReverbOptions(state, { decay: v[s]!, preDelay: v[s + 1]!, damping: v[s + 2]!, mix: v[s + 3]! });
        const frames = l.length;
        const a = outL.length === frames ? outL : new Float32Array(frames);
        const b = outR.length === frames ? outR : new Float32Array(frames);
        processReverb(state, l, width > 1 ? r : l, a, b);
        l.set(a);
        r.set(b);
        return 2;
      };
      break;
    }
    case 'chorus': {
      const state = createChorus(sampleRate);
      process = (v, _c, l, r, width) => {
        processChorus(state, { rate: v[s]!, delay: v[s + 1]!, sweep: v[s + 2]!, dry: v[s + 3]!, wet: v[s + 4]! }, l, r, width);
        return width;
      };
      break;
    }
    case 'distortion': {
      const state = createDistortion(sampleRate);
      process = (v, _c, l, r, width) => {
        processDistortion(state, { drive: v[s]!, tone: v[s + 1]!, dry: v[s + 2]!, wet: v[s + 3]! }, l, r, width);
        return width;
      };
      break;
    }
    case 'limiter': {
      const state: LimiterState = createLimiter({ lookahead: spec.lookahead, truePeak: true }, sampleRate, 2);
      process = (v, changed, l, r, width) => {
        if (changed) {
          const m = state as { ceilingGain: number; releaseCoef: number };
          m.ceilingGain = dbToGain(decibels(v[s]!));
          m.releaseCoef = Math.exp(Math.log(0.01) / (v[s + 1]! * sampleRate));
        }
        if (width === 1) r.set(l);
        processLimiter(state, [l, r], [l, r]);
        return 2;
      };
      break;
    }
  }
  return { spec, seen, process };
}

/**
 * A silent chain of `specs` at `sampleRate`.
 *
 * @example
 * const chain = createChain([{ kind: 'biquad', slot: 0, type: 'lowpass' }], 48_000);
 */
export function createChain(specs: readonly ChainStageSpec[], sampleRate: number): ChainState {
  const latency = specs.reduce((n, s) => n + (s.kind === 'limiter' ? Math.max(1, Math.round(s.lookahead * sampleRate)) : 0), 0);
  return { stages: specs.map((s) => makeStage(s, sampleRate)), sampleRate, latency };
}

/**
 * Runs one block through the chain in place. `l` and `r` are the channel blocks (`r` is
 * scratch while `width` is 1); returns the width after the chain (a reverb or limiter makes a
 * mono signal stereo). `keys` are the sidechain blocks keyed stages read.
 *
 * @example
 * width = processChain(chain, slotValues, left, right, width);
 */
export function processChain(chain: ChainState, values: Float64Array, l: Float32Array, r: Float32Array, width: number, keys: KeyBlocks = NO_KEYS): number {
  let w = width;
  for (const stage of chain.stages) {
    const slot = stage.spec.slot;
    let changed = false;
    for (let k = 0; k < stage.seen.length; k++) {
      const value = values[slot + k]!;
      if (value !== stage.seen[k]) {
        stage.seen[k] = value;
        changed = true;
      }
    }
    w = stage.process(values, changed, l, r, w, keys);
  }
  return w;
}
