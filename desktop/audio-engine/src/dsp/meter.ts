import { decibels, gainToDb, type Decibels, type Seconds } from '@encore/shared/units';
import { nextHistory, TRUE_PEAK_HISTORY, truePeak } from './truePeak';

/**
 * Level metering kernels: pure functions over one block of samples, and a ballistic meter
 * whose state advances block by block. They run inside an AudioWorklet (no allocation-heavy
 * work per block) and in Node tests alike.
 */

/**
 * The largest absolute sample value (linear; 1.0 = full scale).
 *
 * @example
 * peak(new Float32Array([0.5, -0.8])); // 0.8
 */
export function peak(block: Float32Array): number {
  let max = 0;
  for (let i = 0; i < block.length; i++) {
    const a = Math.abs(block[i]!);
    if (a > max) max = a;
  }
  return max;
}

/**
 * Root mean square (linear). An empty block has no energy: 0.
 *
 * @example
 * rms(new Float32Array([1, -1])); // 1
 */
export function rms(block: Float32Array): number {
  return block.length === 0 ? 0 : Math.sqrt(sumOfSquares(block) / block.length);
}

/**
 * Peak in dBFS: 0 for full scale, -Infinity for silence.
 *
 * @example
 * peakDb(new Float32Array([0.5])); // -6.02
 */
export function peakDb(block: Float32Array): Decibels {
  return gainToDb(peak(block));
}

/**
 * RMS in dBFS, with the sine-referenced convention of AES17 *not* applied: a full-scale sine
 * reads -3.01 dBFS here, a full-scale square wave 0.
 *
 * @example
 * rmsDb(new Float32Array([1, -1])); // 0
 */
export function rmsDb(block: Float32Array): Decibels {
  return gainToDb(rms(block));
}

function sumOfSquares(block: Float32Array): number {
  // float64 accumulator: summing thousands of float32 squares in float32 loses the small ones.
  let sum = 0;
  for (let i = 0; i < block.length; i++) sum += block[i]! * block[i]!;
  return sum;
}

export interface MeterOptions {
  /** How long the peak-hold marker stays put before it starts to fall. */
  holdTime: Seconds;
  /** How fast the peak bar and (after the hold) the marker fall, in dB per second. */
  releaseDbPerSecond: number;
  /** Length of the sliding RMS window. */
  rmsWindow: Seconds;
}

/** Defaults close to common DAW meters: 1.5 s hold, 20 dB/s fall, 300 ms RMS (VU-like integration). */
export const DEFAULT_METER_OPTIONS: Readonly<MeterOptions> = {
  holdTime: 1.5 as Seconds,
  releaseDbPerSecond: 20,
  rmsWindow: 0.3 as Seconds,
};

/**
 * The RMS window is kept as this many bins of summed squares, not as raw samples: the state
 * then stays small enough to copy every block (pure steps) and the window slides in steps of
 * one bin (about 10 ms for the default window), finer than any meter display refreshes.
 */
export const RMS_BINS = 30;

/** Below this a level is shown as silence: it is the floor of 24-bit audio and of dbToGain. */
export const METER_FLOOR_DB = -144;

export interface MeterState {
  readonly options: MeterOptions;
  /** The sample rate the window was sized for; 0 before the first block. */
  readonly sampleRate: number;
  /** The peak bar: instant attack, falls at the release rate. */
  readonly peakDb: Decibels;
  /** The peak-hold marker: the highest recent peak, held, then falling at the release rate. */
  readonly holdDb: Decibels;
  /** Hold time left before the marker starts to fall. */
  readonly holdRemaining: Seconds;
  /** RMS over the last `rmsWindow` (the time before the first block counts as silence). */
  readonly rmsDb: Decibels;
  /** The highest true peak since the meter was created (what a publishing check reads). */
  readonly truePeakMaxDb: Decibels;
  readonly bins: Float64Array;
  /** Index of the bin being filled; the other bins are complete. */
  readonly bin: number;
  readonly binFill: number;
  readonly binSize: number;
  readonly history: Float32Array;
}

/**
 * A meter at rest (silence everywhere).
 *
 * @example
 * let meter = createMeter({ holdTime: seconds(2) });
 */
export function createMeter(options: Partial<MeterOptions> = {}): MeterState {
  const o = { ...DEFAULT_METER_OPTIONS, ...options };
  if (!(o.holdTime >= 0) || !(o.releaseDbPerSecond >= 0) || !(o.rmsWindow > 0)) {
    throw new RangeError('meter options: holdTime >= 0, releaseDbPerSecond >= 0, rmsWindow > 0');
  }
  const silent = decibels(-Infinity);
  return {
    options: o,
    sampleRate: 0,
    peakDb: silent,
    holdDb: silent,
    holdRemaining: 0 as Seconds,
    rmsDb: silent,
    truePeakMaxDb: silent,
    bins: new Float64Array(RMS_BINS),
    bin: 0,
    binFill: 0,
    binSize: 1,
    history: new Float32Array(TRUE_PEAK_HISTORY),
  };
}

const floor = (db: number): Decibels => decibels(db < METER_FLOOR_DB ? -Infinity : db);

/**
 * Advances the meter by one block. Pure: `state` is not modified, so the UI may keep the
 * previous reading while the worklet computes the next one.
 *
 * @example
 * meter = step(meter, inputs[0][0], sampleRate);
 * draw(meter.peakDb, meter.holdDb, meter.rmsDb);
 */
export function step(state: MeterState, block: Float32Array, sampleRate: number): MeterState {
  if (!(sampleRate > 0)) throw new RangeError(`sample rate must be positive, got ${sampleRate}`);
  // A new sample rate (device change) invalidates the window and the history: start from rest.
  const s = state.sampleRate === sampleRate ? state : { ...createMeter(state.options), sampleRate, binSize: binSizeFor(state.options, sampleRate) };
  const { releaseDbPerSecond, holdTime } = s.options;
  const dt = block.length / sampleRate;
  const blockPeak = peakDb(block);

  const peakBar = Math.max(blockPeak, s.peakDb - releaseDbPerSecond * dt);

  let holdDb: number;
  let holdRemaining: number;
  if (blockPeak >= s.holdDb - releaseDbPerSecond * Math.max(0, dt - s.holdRemaining)) {
    // A new (or equal) peak re-arms the hold, as on hardware meters.
    holdDb = blockPeak;
    holdRemaining = holdTime;
  } else {
    // The marker falls only for the part of this block that lies beyond the hold.
    holdDb = s.holdDb - releaseDbPerSecond * Math.max(0, dt - s.holdRemaining);
    holdRemaining = Math.max(0, s.holdRemaining - dt);
  }

  const bins = s.bins.slice();
  let { bin, binFill } = s;
  for (let i = 0; i < block.length; i++) {
    if (binFill === s.binSize) {
      bin = (bin + 1) % RMS_BINS;
      bins[bin] = 0;
      binFill = 0;
    }
    bins[bin]! += block[i]! * block[i]!;
    binFill++;
  }
  // Only complete bins count, so the window always spans exactly RMS_BINS - 1 bins; it lags by
  // at most one bin, which keeps the reading steady instead of wobbling as a bin fills.
  let sum = 0;
  for (let b = 0; b < RMS_BINS; b++) if (b !== bin) sum += bins[b]!;
  const windowRms = Math.sqrt(sum / ((RMS_BINS - 1) * s.binSize));

  return {
    ...s,
    peakDb: floor(peakBar),
    holdDb: floor(holdDb),
    holdRemaining: holdRemaining as Seconds,
    rmsDb: floor(gainToDb(windowRms)),
    truePeakMaxDb: decibels(Math.max(s.truePeakMaxDb, gainToDb(truePeak(block, s.history)))),
    bins,
    bin,
    binFill,
    history: nextHistory(s.history, block),
  };
}

function binSizeFor(o: MeterOptions, sampleRate: number): number {
  return Math.max(1, Math.round((o.rmsWindow * sampleRate) / (RMS_BINS - 1)));
}
