/**
 * Chorus: one delay line per channel whose time a sine LFO sweeps around a base delay, mixed
 * with the dry signal. The same sound as effects/chorus.ts (a DelayNode whose delayTime is
 * `base + sweep · sin(2π · rate · t)`, read with linear interpolation; an OscillatorNode started
 * with the graph), computed per sample as the native nodes do (their params are a-rate).
 */

/** The DelayNode's maxDelayTime in effects/chorus.ts: longer delays are clamped to it. */
export const CHORUS_MAX_DELAY = 0.1;

export interface ChorusParams {
  /** LFO rate, Hz. */
  readonly rate: number;
  /** Base delay, seconds. */
  readonly delay: number;
  /** LFO amplitude, seconds (the base delay × depth). */
  readonly sweep: number;
  readonly dry: number;
  readonly wet: number;
}

export interface ChorusState {
  readonly sampleRate: number;
  readonly lines: readonly [Float32Array, Float32Array];
  write: number;
  /** LFO phase, radians in [0, 2π). */
  phase: number;
  /** Scratch: the delay in frames of each sample of the block. */
  delays: Float64Array;
}

/**
 * A chorus at rest, its LFO at phase 0 (as an oscillator started at the render's first frame).
 *
 * @example
 * const chorus = createChorus(48_000);
 */
export function createChorus(sampleRate: number): ChorusState {
  const size = Math.ceil(CHORUS_MAX_DELAY * sampleRate) + 2;
  return { sampleRate, lines: [new Float32Array(size), new Float32Array(size)], write: 0, phase: 0, delays: new Float64Array(128) };
}

/**
 * Runs one block of `width` channels (`l`, and `r` when stereo) through the chorus, in place.
 *
 * @example
 * processChorus(chorus, { rate: 1.5, delay: 0.007, sweep: 0.0035, dry: 0.5, wet: 0.5 }, l, r, 2);
 */
export function processChorus(s: ChorusState, p: ChorusParams, l: Float32Array, r: Float32Array, width: number): void {
  const frames = l.length;
  if (s.delays.length < frames) s.delays = new Float64Array(frames);
  const { delays, sampleRate } = s;
  const maxFrames = CHORUS_MAX_DELAY * sampleRate;
  const step = (2 * Math.PI * p.rate) / sampleRate;
  let phase = s.phase;
  for (let i = 0; i < frames; i++) {
    // Float32 rounding as the AudioParam computes its value.
    const seconds = Math.fround(p.delay + Math.fround(p.sweep * Math.sin(phase)));
    delays[i] = Math.min(Math.max(seconds * sampleRate, 0), maxFrames);
    phase += step;
    if (phase >= 2 * Math.PI) phase -= 2 * Math.PI;
  }
  s.phase = phase;
  const size = s.lines[0].length;
  for (let c = 0; c < width; c++) {
    const line = s.lines[c]!;
    const x = c === 0 ? l : r;
    let w = s.write;
    for (let i = 0; i < frames; i++) {
      const input = x[i]!;
      // Written first, then read: a delay of 0 frames is the current sample.
      line[w] = input;
      let at = w - delays[i]!;
      if (at < 0) at += size;
      const i1 = Math.floor(at);
      const frac = at - i1;
      const i2 = i1 + 1 === size ? 0 : i1 + 1;
      const y = line[i1]! * (1 - frac) + line[i2]! * frac;
      x[i] = p.dry * input + p.wet * y;
      if (++w === size) w = 0;
    }
  }
  s.write = (s.write + frames) % size;
}
