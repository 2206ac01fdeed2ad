import { type Decibels } from '@encore/shared/units';

/**
 * A feed-forward compressor: peak detector → static curve (threshold, ratio, soft knee) in dB →
 * gain reduction smoothed with attack and release → makeup. The gain computer runs once every
 * {@link COMPRESSOR_DECIMATION} samples on the block's peak and the gain is interpolated
 * between, which costs a log and an exp per 16 samples instead of per sample: inaudible for
 * attacks above ~0.3 ms, and it is what lets 32 of them run in a worklet faster than native.
 * An optional sidechain block drives the detector instead of the input.
 */

export interface CompressorOptions {
  threshold: Decibels;
  ratio: number;
  /** Width of the soft knee, dB (0 is a hard knee). */
  knee: Decibels;
  /** Seconds for the gain reduction to reach 63 % of a step up. */
  attack: number;
  /** Seconds for the gain reduction to recover 63 % of a step down. */
  release: number;
  makeup: Decibels;
}

export const DEFAULT_COMPRESSOR: Readonly<CompressorOptions> = {
  threshold: -18 as Decibels,
  ratio: 4,
  knee: 6 as Decibels,
  attack: 0.01,
  release: 0.12,
  makeup: 0 as Decibels,
};

export const COMPRESSOR_DECIMATION = 16;

/** dB per neper of amplitude: 20 / ln 10 (exp and log are cheaper than pow and log10). */
const DB_PER_LN = 20 / Math.LN10;

/**
 * The static curve: output level (dB) for a steady input level (dB), with the quadratic soft
 * knee of Giannoulis, Massberg and Reiss (2012).
 *
 * @example
 * staticCurve(-6, { threshold: -18, ratio: 4, knee: 0 }); // -15
 */
export function staticCurve(inputDb: number, o: Pick<CompressorOptions, 'threshold' | 'ratio' | 'knee'>): number {
  const over = inputDb - o.threshold;
  const slope = 1 / Math.max(1, o.ratio) - 1;
  if (2 * over < -o.knee) return inputDb;
  if (o.knee > 0 && 2 * Math.abs(over) <= o.knee) {
    const x = over + o.knee / 2;
    return inputDb + (slope * x * x) / (2 * o.knee);
  }
  return inputDb + slope * over;
}

export interface CompressorState {
  options: CompressorOptions;
  readonly sampleRate: number;
  /** Smoothed gain reduction, dB (≤ 0). */
  reductionDb: number;
  /** The linear gain applied at the end of the last step. */
  gain: number;
}

/**
 * A compressor at rest.
 *
 * @example
 * const comp = createCompressor({ threshold: decibels(-24), ratio: 3 }, 48_000);
 */
export function createCompressor(options: Partial<CompressorOptions>, sampleRate: number): CompressorState {
  if (!(sampleRate > 0)) throw new RangeError('sample rate must be positive');
  return { options: { ...DEFAULT_COMPRESSOR, ...options }, sampleRate, reductionDb: 0, gain: 10 ** ((options.makeup ?? 0) / 20) };
}

const smoothing = (time: number, steps: number, sampleRate: number) => (time <= 0 ? 0 : Math.exp(-steps / (time * sampleRate)));

/**
 * Compresses one block per channel (`inputs[c]` → `outputs[c]`, may alias). All channels share
 * one gain (linked stereo). `sidechain`, when given, is what the detector listens to.
 *
 * @example
 * processCompressor(comp, [l, r], [l, r]);
 */
export function processCompressor(s: CompressorState, inputs: readonly Float32Array[], outputs: readonly Float32Array[], sidechain?: readonly Float32Array[]): void {
  const o = s.options;
  const frames = inputs[0]?.length ?? 0;
  const detect = sidechain && sidechain.length > 0 ? sidechain : inputs;
  const D = COMPRESSOR_DECIMATION;
  const attack = smoothing(o.attack, D, s.sampleRate);
  const release = smoothing(o.release, D, s.sampleRate);
  const makeup = 10 ** (o.makeup / 20);
  // Hot loop: plain locals and indexed loops (no iterators, no optional reads) keep it cheap.
  const d0 = detect[0];
  const d1 = detect.length > 1 ? detect[1]! : null;
  const channels = Math.min(inputs.length, outputs.length);
  let reduction = s.reductionDb;
  let gain = s.gain;
  for (let start = 0; start < frames; start += D) {
    const end = Math.min(frames, start + D);
    let peak = 0;
    if (d0) {
      for (let i = start; i < end; i++) {
        const a = Math.abs(d0[i]!);
        if (a > peak) peak = a;
      }
    }
    if (d1) {
      for (let i = start; i < end; i++) {
        const a = Math.abs(d1[i]!);
        if (a > peak) peak = a;
      }
    }
    for (let c = 2; c < detect.length; c++) {
      const ch = detect[c]!;
      for (let i = start; i < end; i++) peak = Math.max(peak, Math.abs(ch[i]!));
    }
    const levelDb = peak > 1e-8 ? DB_PER_LN * Math.log(peak) : -160;
    const target = staticCurve(levelDb, o) - levelDb; // ≤ 0
    reduction = target + (reduction - target) * (target < reduction ? attack : release);
    const from = gain;
    // No reduction and no makeup, steady: unity gain, nothing to scale.
    const to = reduction === 0 ? makeup : Math.exp(reduction / DB_PER_LN) * makeup;
    const step = (to - from) / (end - start);
    for (let c = 0; c < channels; c++) {
      const input = inputs[c]!;
      const out = outputs[c]!;
      if (from === 1 && to === 1) {
        if (out !== input) out.set(input.subarray(start, end), start);
        continue;
      }
      for (let i = start, k = 1; i < end; i++, k++) out[i] = input[i]! * (from + step * k);
    }
    gain = to;
  }
  s.reductionDb = reduction;
  s.gain = gain;
}

export interface GateOptions {
  threshold: Decibels;
  /** Seconds to open. */
  attack: number;
  /** Seconds the gate stays open after the level falls below the threshold. */
  hold: number;
  /** Seconds to close (to 1 %). */
  release: number;
  /** Attenuation when closed, dB. */
  range: Decibels;
}

export const DEFAULT_GATE: Readonly<GateOptions> = { threshold: -40 as Decibels, attack: 0.001, hold: 0.02, release: 0.1, range: -80 as Decibels };

export interface GateState {
  options: GateOptions;
  readonly sampleRate: number;
  gain: number;
  holdLeft: number;
}

/**
 * A noise gate at rest (closed).
 *
 * @example
 * const gate = createGate({ threshold: decibels(-30) }, 48_000);
 */
export function createGate(options: Partial<GateOptions>, sampleRate: number): GateState {
  const o = { ...DEFAULT_GATE, ...options };
  return { options: o, sampleRate, gain: 10 ** (o.range / 20), holdLeft: 0 };
}

/**
 * Gates one block per channel; `sidechain`, when given, opens and closes it.
 *
 * @example
 * processGate(gate, [l, r], [l, r]);
 */
export function processGate(s: GateState, inputs: readonly Float32Array[], outputs: readonly Float32Array[], sidechain?: readonly Float32Array[]): void {
  const o = s.options;
  const frames = inputs[0]?.length ?? 0;
  const detect = sidechain && sidechain.length > 0 ? sidechain : inputs;
  const D = COMPRESSOR_DECIMATION;
  const threshold = 10 ** (o.threshold / 20);
  const floor = 10 ** (o.range / 20);
  const open = o.attack <= 0 ? 0 : Math.exp(-D / (o.attack * s.sampleRate));
  const close = o.release <= 0 ? 0 : Math.exp(Math.log(0.01) * (D / (o.release * s.sampleRate)));
  for (let start = 0; start < frames; start += D) {
    const end = Math.min(frames, start + D);
    let peak = 0;
    for (const ch of detect) for (let i = start; i < end; i++) peak = Math.max(peak, Math.abs(ch[i] ?? 0));
    if (peak >= threshold) s.holdLeft = o.hold * s.sampleRate;
    else s.holdLeft = Math.max(0, s.holdLeft - (end - start));
    const from = s.gain;
    const to = peak >= threshold || s.holdLeft > 0 ? 1 + (from - 1) * open : floor + (from - floor) * close;
    const step = (to - from) / (end - start);
    for (let c = 0; c < inputs.length; c++) {
      const input = inputs[c]!;
      const out = outputs[c];
      if (!out) continue;
      for (let i = start, k = 1; i < end; i++, k++) out[i] = input[i]! * (from + step * k);
    }
    s.gain = to;
  }
}
