/**
 * The constant-power pan law (sin/cos, -3 dB at centre): the sum of the squared channel gains is
 * 1 at every position, so a mono source keeps its loudness as it moves. Web Audio's
 * StereoPannerNode uses the same law for mono input but a different one for stereo input (it
 * folds one channel into the other), which is why the engine applies these gains itself.
 */

/** Gains of the left and right channel for a pan position. */
export interface PanGains {
  readonly left: number;
  readonly right: number;
}

/**
 * Channel gains for `pan` in [-1, 1] (-1 hard left, 0 centre, 1 hard right); values outside are
 * clamped. Hard left is exactly 0 on the right (and vice versa), not a tiny residue.
 *
 * @example
 * panGains(0);  // { left: 0.7071, right: 0.7071 }  (-3.01 dB each)
 * panGains(-1); // { left: 1, right: 0 }
 */
export function panGains(pan: number): PanGains {
  const p = Math.min(1, Math.max(-1, Number.isFinite(pan) ? pan : 0));
  if (p === -1) return { left: 1, right: 0 };
  if (p === 1) return { left: 0, right: 1 };
  const theta = ((p + 1) * Math.PI) / 4;
  return { left: Math.cos(theta), right: Math.sin(theta) };
}

/**
 * Balance gains for a stereo signal (buses, the master): unity on both sides at centre, and
 * moving off centre fades the far side along the same sin/cos curve (scaled by √2 and capped
 * at 1, so the near side is never boosted). A constant-power pan would cost a stereo mix 3 dB
 * at centre.
 *
 * @example
 * balanceGains(0);   // { left: 1, right: 1 }
 * balanceGains(0.5); // { left: 0.541, right: 1 }
 */
export function balanceGains(pan: number): PanGains {
  const g = panGains(pan);
  return { left: Math.min(1, g.left * Math.SQRT2), right: Math.min(1, g.right * Math.SQRT2) };
}

/**
 * Pans a mono block into a stereo pair (`left`, `right` are written, `mono` is read).
 *
 * @example
 * panMono(voice, 0.5, outL, outR);
 */
export function panMono(mono: Float32Array, pan: number, left: Float32Array, right: Float32Array): void {
  const g = panGains(pan);
  for (let i = 0; i < mono.length; i++) {
    const x = mono[i]!;
    left[i] = x * g.left;
    right[i] = x * g.right;
  }
}
