/**
 * mulberry32: a tiny seeded PRNG. The queue keeps its state as a plain number, so a shuffle
 * is reproducible (tests, and the same order after a restart).
 *
 * @example
 * const [x, next] = nextRandom(42); // x in [0, 1)
 */
export function nextRandom(state: number): [value: number, state: number] {
  const s = (state + 0x6d2b79f5) | 0;
  let t = s;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return [((t ^ (t >>> 14)) >>> 0) / 4294967296, s];
}

/** Fisher-Yates over a copy; returns the shuffled array and the advanced RNG state. */
export function shuffled<T>(items: readonly T[], state: number): [T[], number] {
  const out = [...items];
  let s = state;
  for (let i = out.length - 1; i > 0; i--) {
    let r: number;
    [r, s] = nextRandom(s);
    const j = Math.floor(r * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return [out, s];
}
