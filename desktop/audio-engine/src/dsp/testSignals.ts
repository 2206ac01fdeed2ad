/** Known signals and measurements shared by the kernel tests (Node and Chromium). */

/** A sine of `hz` at `sampleRate`, `length` samples. */
export const sine = (length: number, hz: number, sampleRate: number, amplitude = 1, phase = 0): Float32Array =>
  Float32Array.from({ length }, (_, n) => amplitude * Math.sin((2 * Math.PI * hz * n) / sampleRate + phase));

/**
 * Power of `x` at `hz` by the Goertzel algorithm, normalised so a full-scale sine at `hz` reads
 * about 0.25 (amplitude² / 4).
 *
 * @example
 * goertzel(sine(4800, 440, 48_000), 440, 48_000); // ≈ 0.25
 */
export function goertzel(x: Float32Array, hz: number, sampleRate: number): number {
  const k = (2 * Math.PI * hz) / sampleRate;
  const coef = 2 * Math.cos(k);
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < x.length; i++) {
    const s0 = x[i]! + coef * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  const power = s1 * s1 + s2 * s2 - coef * s1 * s2;
  return power / (x.length * x.length);
}

/** The frequency (Hz, on a `stepHz` grid between `from` and `to`) with the most Goertzel power. */
export function spectralPeak(x: Float32Array, sampleRate: number, from: number, to: number, stepHz = 1): number {
  let best = from;
  let bestPower = -1;
  for (let hz = from; hz <= to; hz += stepHz) {
    const p = goertzel(x, hz, sampleRate);
    if (p > bestPower) {
      bestPower = p;
      best = hz;
    }
  }
  return best;
}
