/**
 * Equal-power crossfade curves: the outgoing track follows cos(πx/2), the incoming sin(πx/2),
 * so for uncorrelated material the summed power stays constant through the fade.
 *
 * @example
 * const [out, inn] = equalPowerCurves(256);
 * gainOut.gain.setValueCurveAtTime(out, start, seconds);
 */
export function equalPowerCurves(points: number): [fadeOut: Float32Array, fadeIn: Float32Array] {
  const out = new Float32Array(points);
  const inn = new Float32Array(points);
  for (let i = 0; i < points; i++) {
    const x = points === 1 ? 1 : i / (points - 1);
    out[i] = Math.cos((x * Math.PI) / 2);
    inn[i] = Math.sin((x * Math.PI) / 2);
  }
  return [out, inn];
}

/** Gain of the incoming track `x` (0..1) through the fade; the outgoing one is `equalPowerIn(1 - x)`. */
export const equalPowerIn = (x: number): number => Math.sin((Math.min(Math.max(x, 0), 1) * Math.PI) / 2);
