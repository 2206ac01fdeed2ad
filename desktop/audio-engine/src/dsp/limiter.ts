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
/** The most any phase can amplify: the largest sum of absolute taps. */
const TP_GAIN = Math.max(...TP_PHASES.map((t) => t.reduce((a, v) => a + Math.abs(v), 0)));
/** Frames whose levels are measured in one pass before the gain loop runs over them. */
const SPAN = 256;

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
  /** Consecutive frames released at exactly unity; past `length`, the limiter is at rest. */
  rest: number;
  /** Scratch: the levels of the span being processed. */
  readonly level: Float64Array;
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
    rest: length + 1,
    level: new Float64Array(SPAN),
  };
}

/** Latency of the limiter in samples: output sample n is input sample n - latency. */
export const limiterLatency = (state: LimiterState): number => state.length;

/**
 * Limits one block per channel (`inputs[c]` → `outputs[c]`, same length; may alias).
 * Channels share one gain, so the stereo image does not move.
 *
 * Work goes where the signal is near the ceiling: levels are measured a span at a time, and a
 * span whose every level is under the ceiling, met with the limiter at rest (unity gain held for
 * a whole window), only passes through the delay line. The gain loop would compute exactly unity
 * there, so the output is the same sample for sample; a mix that rarely touches the ceiling costs
 * little more than a copy.
 *
 * @example
 * processLimiter(lim, [inL, inR], [outL, outR]);
 */
export function processLimiter(s: LimiterState, inputs: readonly Float32Array[], outputs: readonly Float32Array[]): void {
  const frames = inputs[0]?.length ?? 0;
  for (let from = 0; from < frames; from += SPAN) {
    const to = Math.min(frames, from + SPAN);
    if (s.rest > s.length && quietSpan(s, inputs, from, to)) {
      passThrough(s, inputs, outputs, from, to);
      continue;
    }
    const loudest = measureLevels(s, inputs, from, to);
    if (loudest <= s.ceilingGain && s.rest > s.length) passThrough(s, inputs, outputs, from, to);
    else limitSpan(s, inputs, outputs, from, to);
  }
}

/**
 * Whether no level of the span can reach the ceiling, judged from sample peaks alone: an
 * interpolated peak is at most the largest tap sum of the interpolator times the largest sample
 * it reads. When so, the interpolator's history is brought up to date without running it.
 */
function quietSpan(s: LimiterState, inputs: readonly Float32Array[], from: number, to: number): boolean {
  const limit = s.ceilingGain / (s.options.truePeak ? TP_GAIN : 1);
  for (let c = 0; c < s.channels; c++) {
    const x = inputs[c];
    if (!x) continue;
    for (let i = from; i < to; i++) if (x[i]! > limit || x[i]! < -limit) return false;
    const h = s.tpHistory[c]!;
    for (let i = 0; i < TP_SPAN; i++) if (h[i]! > limit || h[i]! < -limit) return false;
  }
  for (let c = 0; c < s.channels; c++) {
    const h = s.tpHistory[c]!;
    const x = inputs[c];
    const n = to - from;
    h.copyWithin(0, Math.min(n, TP_SPAN));
    for (let k = Math.max(0, TP_SPAN - n); k < TP_SPAN; k++) h[k] = x ? x[to - TP_SPAN + k]! : 0;
  }
  return true;
}

/** Fills `s.level[0..to-from)` with each frame's level (the loudest channel); returns the span's largest. */
function measureLevels(s: LimiterState, inputs: readonly Float32Array[], from: number, to: number): number {
  const level = s.level;
  const n = to - from;
  level.fill(0, 0, n);
  const [p0, p1, p2] = TP_PHASES;
  for (let c = 0; c < s.channels; c++) {
    const x = inputs[c];
    if (!x) {
      // A missing channel reads as silence (its history shifts in zeros).
      s.tpHistory[c]!.copyWithin(0, Math.min(n, TP_SPAN)).fill(0, Math.max(0, TP_SPAN - n));
      continue;
    }
    if (!s.options.truePeak) {
      for (let i = 0; i < n; i++) {
        const a = Math.abs(x[from + i]!);
        if (a > level[i]!) level[i] = a;
      }
      continue;
    }
    const h = s.tpHistory[c]!;
    let h0 = h[0]!, h1 = h[1]!, h2 = h[2]!, h3 = h[3]!, h4 = h[4]!, h5 = h[5]!;
    for (let i = 0; i < n; i++) {
      h0 = h1; h1 = h2; h2 = h3; h3 = h4; h4 = h5; h5 = x[from + i]!;
      let a = Math.abs(h5);
      // Peaks between h2 and h3: the phases centred there (taps on h0..h5).
      const y0 = Math.abs(p0[5] * h0 + p0[4] * h1 + p0[3] * h2 + p0[2] * h3 + p0[1] * h4 + p0[0] * h5);
      const y1 = Math.abs(p1[5] * h0 + p1[4] * h1 + p1[3] * h2 + p1[2] * h3 + p1[1] * h4 + p1[0] * h5);
      const y2 = Math.abs(p2[5] * h0 + p2[4] * h1 + p2[3] * h2 + p2[2] * h3 + p2[1] * h4 + p2[0] * h5);
      if (y0 > a) a = y0;
      if (y1 > a) a = y1;
      if (y2 > a) a = y2;
      if (a > level[i]!) level[i] = a;
    }
    h[0] = h0; h[1] = h1; h[2] = h2; h[3] = h3; h[4] = h4; h[5] = h5;
  }
  let loudest = 0;
  for (let i = 0; i < n; i++) if (level[i]! > loudest) loudest = level[i]!;
  return loudest;
}

/** Unity gain throughout (the limiter at rest): the delay line alone, the state left as the gain loop would leave it. */
function passThrough(s: LimiterState, inputs: readonly Float32Array[], outputs: readonly Float32Array[], from: number, to: number): void {
  const L = s.length;
  for (let c = 0; c < s.channels; c++) {
    const d = s.delay[c]!;
    const x = inputs[c];
    const out = outputs[c];
    let slot = s.n % L;
    for (let i = from; i < to; i++) {
      const delayed = d[slot]!;
      d[slot] = x ? x[i]! : 0;
      // Unity gain; the delayed frames were under the ceiling too (they were measured at rest).
      if (out) out[i] = delayed;
      if (++slot === L) slot = 0;
    }
  }
  s.n += to - from;
  s.rest += to - from;
  s.gain = 1;
  // Every required gain of the window is 1: the deque holds only the newest index.
  s.required.fill(1);
  s.dequeIdx[0] = s.n - 1;
  s.dequeHead = 0;
  s.dequeTail = 1;
}

/** The gain loop over frames whose levels `measureLevels` has just filled in (`s.level[i - from]`). */
function limitSpan(s: LimiterState, inputs: readonly Float32Array[], outputs: readonly Float32Array[], from: number, to: number): void {
  const L = s.length;
  // Sample j leaves at j + L with gain mean(r[j+1..j+L]); each r[k] is at most the minimum of
  // required gains over [k-L, k], a window that contains j. Hence |y| <= ceiling.
  const M = L + 1;
  const cap = M + 1;
  const ceiling = s.ceilingGain;
  for (let i = from; i < to; i++) {
    const slot = s.n % L;
    const level = s.level[i - from]!;
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
    // Release towards unity, never above the held minimum. Within 2^-27 of unity the gain no
    // longer changes a float32 sample, so it snaps there (and the limiter can come to rest).
    const towards = 1 - (1 - s.released) * s.releaseCoef;
    const released = Math.min(min, towards > 1 - 2 ** -27 ? 1 : towards);
    s.released = released;
    s.sum += released - s.smooth[slot]!;
    s.smooth[slot] = released;
    s.rest = released === 1 ? s.rest + 1 : 0;
    // Bound float drift; once the whole ring is unity again its sum is exactly L.
    if ((s.n & 0xffff) === 0) s.sum = s.smooth.reduce((a, b) => a + b, 0);
    else if (s.rest === L) s.sum = L;
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
