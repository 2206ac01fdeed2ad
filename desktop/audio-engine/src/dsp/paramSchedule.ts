/**
 * An AudioParam-like timeline of steps and linear ramps, evaluated per block inside a worklet:
 * what a fused processor uses instead of real AudioParams (a processor's params are fixed per
 * class, and each one costs the render thread a copy per block even when it never moves).
 * Semantics follow Web Audio for the subset the engine schedules: `setValueAtTime` steps,
 * `linearRampToValueAtTime` ramps from the previous event (its time and value), and
 * `cancelScheduledValues` drops every event at or after a time.
 */
export class ParamSchedule {
  private times: number[] = [];
  private values: number[] = [];
  private ramps: boolean[] = [];
  /** Events before `head` have passed; `head - 1` is the anchor of what follows. */
  private head = 0;
  private anchorTime = 0;
  private anchorValue: number;

  constructor(value: number) {
    this.anchorValue = value;
  }

  /** Adds an event at `time` seconds (kept in time order; equal times keep insertion order). */
  add(time: number, value: number, ramp: boolean): void {
    let i = this.times.length;
    while (i > this.head && this.times[i - 1]! > time) i--;
    this.times.splice(i, 0, time);
    this.values.splice(i, 0, value);
    this.ramps.splice(i, 0, ramp);
  }

  /** Drops every pending event at or after `time`. */
  cancel(time: number): void {
    let i = this.times.length;
    while (i > this.head && this.times[i - 1]! >= time) i--;
    this.times.length = this.values.length = this.ramps.length = i;
  }

  /**
   * The param over the block of `frames` samples starting at `t0` seconds (`dt` per sample):
   * returns the constant value, or NaN after writing a varying block into `out`.
   */
  block(t0: number, dt: number, frames: number, out: Float32Array): number {
    const t1 = t0 + frames * dt;
    this.passEvents(t0);
    if (this.head >= this.times.length || (this.times[this.head]! >= t1 && !this.ramps[this.head])) return this.anchorValue;
    for (let i = 0; i < frames; i++) out[i] = this.valueAt(t0 + i * dt);
    return NaN;
  }

  /** The value at `time` (moving forward only: earlier events are forgotten). */
  valueAt(time: number): number {
    this.passEvents(time);
    if (this.head < this.times.length && this.ramps[this.head]) {
      const end = this.times[this.head]!;
      const span = end - this.anchorTime;
      if (span <= 0) return this.values[this.head]!;
      return this.anchorValue + ((this.values[this.head]! - this.anchorValue) * (time - this.anchorTime)) / span;
    }
    return this.anchorValue;
  }

  private passEvents(time: number): void {
    while (this.head < this.times.length && this.times[this.head]! <= time) {
      this.anchorTime = this.times[this.head]!;
      this.anchorValue = this.values[this.head]!;
      this.head++;
    }
    if (this.head > 256) {
      this.times.splice(0, this.head);
      this.values.splice(0, this.head);
      this.ramps.splice(0, this.head);
      this.head = 0;
    }
  }
}
