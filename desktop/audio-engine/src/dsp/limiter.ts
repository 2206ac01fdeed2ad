import { dbToGain } from './gain';
import { type Decibels } from '@encore/shared/units';

/**
 * A look-ahead brick-wall limiter. Each sample's required gain (ceiling / level) is held as a
 * minimum over the look-ahead window, given a release, then smoothed by a moving average of the
 * same length: every value the average covers is at most the required gain of the sample being
 * output, so the average is too, and no output sample can exceed the ceiling. A final clamp
 * absorbs float rounding. With `truePeak`, the level of a sample is the larger of its own and
 * the 4x-interpolated peaks around it (the BS.1770 interpolator), so inter-sample peaks are
 * limited too (within the accuracy of that estimate).
 */

export interface LimiterOptions {
  ceiling: Decibels;
  /** Look-ahead (and attack) in seconds; the output is delayed by this much. */
  lookahead: number;
  /** Time for the gain to recover 99 % of the way back to unity, seconds. */
  release: number;
  truePeak: boolean;
}

export const DEFAULT_LIMITER: Readonly<LimiterOptions> = { ceiling: -1 as Decibels, lookahead: 0.005, release: 0.05, truePeak: true };

/** Two adjacent taps of each BS.1770 phase are enough for a peak estimate between samples. */
const TP_PHASES = [
  [-0.0594482421875, 0.1373291015625, 0.97216796875, -0.102294921875, 0.047607421875, -0.026611328125],
  [-0.1665039062500, 0.4650878906250, 0.7797851562500, -0.2003173828125, 0.1015625000000, -0.0582275390625],
  [-0.2003173828125, 0.7797851562500, 0.4650878906250, -0.1665039062500, 0.0891113281250, -0.0517578125000],
] as const;
const TP_SPAN = 6;

export interface LimiterState {
  readonly options: LimiterOptions;
  readonly channels: number;
  /** Look-ahead in samples (the latency). */
  readonly length: number;
  readonly ceilingGain: number;
  readonly releaseCoef: number;
  /** Per channel, the last `length` input samples (ring buffers). */
  readonly delay: Float32Array[];
  /** Per channel, the last TP_SPAN input samples for the interpolator. */
  readonly tpHistory: Float32Array[];
  /** Required gains of the last `length + 1` samples (ring) and a monotonic deque of indexes for their minimum. */
  readonly required: Float32Array;
  readonly dequeIdx: Int32Array;
  dequeHead: number;
  dequeTail: number;
  /** Ring of released gains for the moving average, and its running sum. */
  readonly smooth: Float64Array;
  sum: number;
  released: number;
  /** Samples processed (indexes the rings). */
  n: number;
  /** The gain applied to the last output sample (for a gain-reduction meter). */
  gain: number;
}

/**
 * A limiter at rest. Its latency is `state.length` samples.
 *
 * @example
 * const lim = createLimiter({ ...DEFAULT_LIMITER, ceiling: decibels(-0.3) }, 48_000, 2);
 */
export function createLimiter(options: Partial<LimiterOptions>, sampleRate: number, channels: number): LimiterState {
  const o = { ...DEFAULT_LIMITER, ...options };
  if (!(sampleRate > 0) || !(channels >= 1)) throw new RangeError('limiter: sample rate and channels must be positive');
  const length = Math.max(1, Math.round(o.lookahead * sampleRate));
  return {
    options: o,
    channels,
    length,
    ceilingGain: dbToGain(o.ceiling),
    releaseCoef: o.release <= 0 ? 0 : Math.exp(Math.log(0.01) / (o.release * sampleRate)),
    delay: Array.from({ length: channels }, () => new Float32Array(length)),
    tpHistory: Array.from({ length: channels }, () => new Float32Array(TP_SPAN)),
    required: new Float32Array(length + 1),
    dequeIdx: new Int32Array(length + 2),
    dequeHead: 0,
    dequeTail: 0,
    smooth: new Float64Array(length).fill(1),
    sum: length,
    released: 1,
    n: 0,
    gain: 1,
  };
}

/** Latency of the limiter in samples: output sample n is input sample n - latency. */
export const limiterLatency = (state: LimiterState): number => state.length;

/**
 * Limits one block per channel (`inputs[c]` → `outputs[c]`, same length; may alias).
 * Channels share one gain, so the stereo image does not move.
 *
 * @example
 * processLimiter(lim, [inL, inR], [outL, outR]);
 */
export function processLimiter(s: LimiterState, inputs: readonly Float32Array[], outputs: readonly Float32Array[]): void {
  const L = s.length;
  // Sample j leaves at j + L with gain mean(r[j+1..j+L]); each r[k] is at most the minimum of
  // required gains over [k-L, k], a window that contains j. Hence |y| <= ceiling.
  const M = L + 1;
  const cap = M + 1;
  const frames = inputs[0]?.length ?? 0;
  const ceiling = s.ceilingGain;
  const tp = s.options.truePeak;
  for (let i = 0; i < frames; i++) {
    const slot = s.n % L;
    let level = 0;
    for (let c = 0; c < s.channels; c++) {
      const x = inputs[c]?.[i] ?? 0;
      let a = Math.abs(x);
      if (tp) {
        const h = s.tpHistory[c]!;
        h.copyWithin(0, 1);
        h[TP_SPAN - 1] = x;
        // Peaks between h[2] and h[3]: the phases centred there (taps on h[0..5]).
        for (let p = 0; p < 3; p++) {
          const t = TP_PHASES[p]!;
          const y = t[5] * h[0]! + t[4] * h[1]! + t[3] * h[2]! + t[2] * h[3]! + t[1] * h[4]! + t[0] * h[5]!;
          const ay = Math.abs(y);
          if (ay > a) a = ay;
        }
      }
      if (a > level) level = a;
    }
    const req = level > ceiling ? ceiling / level : 1;
    // Sliding minimum over the last M required gains (monotonic deque of absolute indexes).
    s.required[s.n % M] = req;
    while (s.dequeTail !== s.dequeHead) {
      const lastPos = (s.dequeTail - 1 + cap) % cap;
      if (s.required[s.dequeIdx[lastPos]! % M]! >= req) s.dequeTail = lastPos;
      else break;
    }
    s.dequeIdx[s.dequeTail] = s.n;
    s.dequeTail = (s.dequeTail + 1) % cap;
    while (s.n - s.dequeIdx[s.dequeHead]! >= M) s.dequeHead = (s.dequeHead + 1) % cap;
    const min = s.required[s.dequeIdx[s.dequeHead]! % M]!;
    // Release towards unity, never above the held minimum.
    const released = Math.min(min, 1 - (1 - s.released) * s.releaseCoef);
    s.released = released;
    s.sum += released - s.smooth[slot]!;
    s.smooth[slot] = released;
    if ((s.n & 0xffff) === 0) s.sum = s.smooth.reduce((a, b) => a + b, 0); // bound float drift
    const gain = Math.min(1, s.sum / L);
    s.gain = gain;
    for (let c = 0; c < s.channels; c++) {
      const d = s.delay[c]!;
      const delayed = d[slot]!;
      d[slot] = inputs[c]?.[i] ?? 0;
      const out = outputs[c];
      if (!out) continue;
      let y = delayed * gain;
      if (y > ceiling) y = ceiling;
      else if (y < -ceiling) y = -ceiling;
      out[i] = y;
    }
    s.n++;
  }
}
