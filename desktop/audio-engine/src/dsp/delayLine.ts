/**
 * A circular delay line with fractional (linearly interpolated) reads: the building block of the
 * delay, chorus, reverb pre-delay and the limiter's look-ahead.
 */
export class DelayLine {
  private readonly buffer: Float32Array;
  private write = 0;

  /**
   * @param maxDelay the longest delay it can give, in samples.
   * @example
   * const line = new DelayLine(48_000);
   */
  constructor(readonly maxDelay: number) {
    if (!(maxDelay >= 1) || !Number.isFinite(maxDelay)) throw new RangeError(`max delay must be >= 1 sample, got ${maxDelay}`);
    this.buffer = new Float32Array(Math.ceil(maxDelay) + 2);
  }

  /** Pushes one sample. */
  push(x: number): void {
    this.buffer[this.write] = x;
    this.write = this.write + 1 === this.buffer.length ? 0 : this.write + 1;
  }

  /**
   * The sample pushed `delay` pushes before the newest one (fractional delays interpolate):
   * `read(0)` is the newest sample, `read(1)` the one before it.
   */
  read(delay: number): number {
    const d = Math.min(Math.max(delay, 0), this.maxDelay);
    const whole = Math.floor(d);
    const frac = d - whole;
    const len = this.buffer.length;
    let i = this.write - 1 - whole;
    if (i < 0) i += len;
    let j = i - 1;
    if (j < 0) j += len;
    return this.buffer[i]! * (1 - frac) + this.buffer[j]! * frac;
  }

  /**
   * Runs a block through a fixed delay with feedback and a dry/wet mix.
   *
   * @example
   * line.process(block, block, 24_000, 0.4, 0.3); // 0.5 s echo at 48 kHz, 30 % wet
   */
  process(input: Float32Array, output: Float32Array, delay: number, feedback = 0, wet = 1, dry = 1 - wet): void {
    for (let i = 0; i < input.length; i++) {
      const x = input[i]!;
      // A delay of d reads the sample pushed d steps ago, counting this one as step 0.
      const delayed = delay < 1 ? x : this.read(delay - 1);
      this.push(x + delayed * feedback);
      output[i] = x * dry + delayed * wet;
    }
  }

  /** Forgets everything (silence). */
  clear(): void {
    this.buffer.fill(0);
  }
}
