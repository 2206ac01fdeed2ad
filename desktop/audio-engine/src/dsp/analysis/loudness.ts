import { nextHistory, TRUE_PEAK_HISTORY, truePeak } from '../truePeak';
import { Float64List } from './growable';
import { KWeighting } from './kWeighting';

/**
 * Programme loudness per ITU-R BS.1770-4 and EBU R128: integrated loudness (gated), loudness
 * range (EBU Tech 3342) and true peak, measured as a stream so a long file never has to sit in
 * memory. Only 100 ms energies are kept (36 kB per hour of audio); the 400 ms gating blocks
 * (75 % overlap) and 3 s short-term windows are sums of them.
 */

export interface LoudnessResult {
  /** Integrated loudness (LUFS); null when no block passes the -70 LUFS gate (silence, < 400 ms). */
  integratedLufs: number | null;
  /** Loudness range (LU, EBU Tech 3342); null when fewer than two 3 s windows pass the gates. */
  loudnessRangeLu: number | null;
  /** Highest true peak over all channels (dBTP); -Infinity for digital silence. */
  truePeakDbtp: number;
  /** Highest sample peak (dBFS). */
  samplePeakDbfs: number;
  durationSec: number;
}

const ABSOLUTE_GATE_LUFS = -70;
const RELATIVE_GATE_LU = -10;
const LRA_RELATIVE_GATE_LU = -20;

/** BS.1770 channel weights: 1 for left, right and centre, 1.41 for the surrounds (ITU order L R C LFE Ls Rs; LFE excluded). */
export function channelWeights(channels: number): number[] {
  if (channels === 6) return [1, 1, 1, 0, 1.41, 1.41];
  if (channels === 5) return [1, 1, 1, 1.41, 1.41];
  return Array.from({ length: channels }, () => 1);
}

export const energyToLufs = (meanSquare: number): number => -0.691 + 10 * Math.log10(meanSquare);

/**
 * Streaming loudness meter: `push` blocks of planar audio, then read `result()`.
 *
 * @example
 * const meter = new LoudnessMeter(48_000, 2);
 * for (const [left, right] of blocks) meter.push([left, right]);
 * meter.result().integratedLufs; // -23.0 for EBU Tech 3341 case 1
 */
export class LoudnessMeter {
  private readonly filters: KWeighting[];
  private readonly weights: number[];
  private readonly histories: Float32Array[];
  private scratch = new Float64Array(0);
  private sums = new Float64Array(0);
  private nextBoundary: number;
  private readonly subEnergy = new Float64List();
  private readonly subLength = new Float64List();
  private current = 0;
  private currentLength = 0;
  private frames = 0;
  private truePeakMax = 0;
  private samplePeakMax = 0;

  constructor(
    readonly sampleRate: number,
    readonly channels: number,
    private readonly options: { truePeak?: boolean } = {},
  ) {
    if (!(channels >= 1)) throw new RangeError(`channels must be >= 1, got ${channels}`);
    this.filters = Array.from({ length: channels }, () => new KWeighting(sampleRate));
    this.weights = channelWeights(channels);
    this.histories = Array.from({ length: channels }, () => new Float32Array(TRUE_PEAK_HISTORY));
    this.nextBoundary = this.boundary(1);
  }

  /** Sub-block k ends at floor(k·fs/10): odd rates (11025 Hz) stay exact on average. */
  private boundary(k: number): number {
    return Math.floor((k * this.sampleRate) / 10);
  }

  /** One block per channel, all of the same length. */
  push(block: readonly Float32Array[]): void {
    if (block.length !== this.channels) throw new RangeError(`expected ${this.channels} channels, got ${block.length}`);
    const n = block[0]!.length;
    if (this.scratch.length < n) {
      this.scratch = new Float64Array(n);
      this.sums = new Float64Array(n);
    }
    const y = this.scratch;
    const sum = this.sums.fill(0, 0, n);
    for (let c = 0; c < this.channels; c++) {
      const x = block[c]!;
      if (x.length !== n) throw new RangeError('every channel of a block must have the same length');
      const g = this.weights[c]!;
      this.filters[c]!.process(x, y);
      if (g !== 0) for (let i = 0; i < n; i++) sum[i]! += g * y[i]! * y[i]!;
      for (let i = 0; i < n; i++) {
        const a = Math.abs(x[i]!);
        if (a > this.samplePeakMax) this.samplePeakMax = a;
      }
      if (this.options.truePeak !== false) {
        this.truePeakMax = Math.max(this.truePeakMax, truePeak(x, this.histories[c]));
        this.histories[c] = nextHistory(this.histories[c]!, x);
      }
    }
    for (let i = 0; i < n; i++) {
      this.current += sum[i]!;
      this.currentLength++;
      if (this.frames + this.currentLength === this.nextBoundary) {
        this.subEnergy.push(this.current);
        this.subLength.push(this.currentLength);
        this.frames += this.currentLength;
        this.current = 0;
        this.currentLength = 0;
        this.nextBoundary = this.boundary(this.subEnergy.length + 1);
      }
    }
  }

  /** Mean squares of every complete window of `size` sub-blocks, one per 100 ms step. */
  private windows(size: number): Float64Array {
    const count = Math.max(0, this.subEnergy.length - size + 1);
    const out = new Float64Array(count);
    let e = 0;
    let len = 0;
    for (let i = 0; i < this.subEnergy.length; i++) {
      e += this.subEnergy.at(i);
      len += this.subLength.at(i);
      if (i >= size) {
        e -= this.subEnergy.at(i - size);
        len -= this.subLength.at(i - size);
      }
      if (i >= size - 1) out[i - size + 1] = Math.max(0, e) / len;
    }
    return out;
  }

  result(): LoudnessResult {
    return {
      integratedLufs: integrated(this.windows(4)),
      loudnessRangeLu: loudnessRange(this.windows(30)),
      truePeakDbtp: this.options.truePeak === false ? -Infinity : 20 * Math.log10(this.truePeakMax),
      samplePeakDbfs: 20 * Math.log10(this.samplePeakMax),
      durationSec: (this.frames + this.currentLength) / this.sampleRate,
    };
  }
}

/**
 * Gated integrated loudness of 400 ms block mean squares (BS.1770-4 §2.8): the absolute gate at
 * -70 LUFS, then the relative gate 10 LU below the loudness of the blocks that passed it.
 */
export function integrated(blocks: Float64Array): number | null {
  const absThreshold = 10 ** ((ABSOLUTE_GATE_LUFS + 0.691) / 10);
  const above = meanAbove(blocks, absThreshold);
  if (above === null) return null;
  const relThreshold = above * 10 ** (RELATIVE_GATE_LU / 10);
  const gated = meanAbove(blocks, Math.max(absThreshold, relThreshold));
  return gated === null ? null : energyToLufs(gated);
}

/**
 * Loudness range (EBU Tech 3342) of 3 s short-term mean squares: the spread between the 10th
 * and 95th percentiles of the short-term loudness, after the absolute gate and a relative gate
 * 20 LU below the gated mean.
 */
export function loudnessRange(shortTerm: Float64Array): number | null {
  const absThreshold = 10 ** ((ABSOLUTE_GATE_LUFS + 0.691) / 10);
  const above = meanAbove(shortTerm, absThreshold);
  if (above === null) return null;
  const threshold = Math.max(absThreshold, above * 10 ** (LRA_RELATIVE_GATE_LU / 10));
  const levels = Array.from(shortTerm.filter((e) => e > threshold), energyToLufs).sort((a, b) => a - b);
  if (levels.length < 2) return null;
  const pct = (p: number) => levels[Math.min(levels.length - 1, Math.round((p / 100) * (levels.length - 1)))]!;
  return pct(95) - pct(10);
}

function meanAbove(values: Float64Array, threshold: number): number | null {
  let sum = 0;
  let n = 0;
  for (const v of values) {
    if (v > threshold) {
      sum += v;
      n++;
    }
  }
  return n === 0 ? null : sum / n;
}
