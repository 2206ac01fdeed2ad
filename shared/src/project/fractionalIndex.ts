/**
 * Fractional indexing: order keys are base-62 digit strings read as fractions in (0, 1), compared
 * by plain code-unit order. A key can always be minted strictly between two others, so moving or
 * inserting one item writes one field and concurrent reorders never rewrite each other's keys.
 * Two peers may mint the same key concurrently; readers break such ties by record id.
 */

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const KEY = /^[0-9A-Za-z]*[1-9A-Za-z]$/;

/** True when `key` is a well-formed order key (no trailing zero, which would alias a shorter key). */
export function isOrderKey(key: string): boolean {
  return KEY.test(key);
}

function digit(ch: string | undefined): number {
  return ch === undefined ? 0 : DIGITS.indexOf(ch);
}

function midpoint(a: string, b: string | null): string {
  if (b !== null) {
    let n = 0;
    while ((a[n] ?? '0') === b[n]) n++;
    if (n > 0) return b.slice(0, n) + midpoint(a.slice(n), b.slice(n));
  }
  const lo = digit(a[0]);
  const hi = b === null ? DIGITS.length : digit(b[0]);
  if (hi - lo > 1) return DIGITS[Math.round((lo + hi) / 2)] as string;
  if (b !== null && b.length > 1) return b.slice(0, 1);
  return (DIGITS[lo] as string) + midpoint(a.slice(1), null);
}

/**
 * A key strictly between `a` and `b` (null = open end).
 *
 * @example
 * const first = keyBetween(null, null);   // 'V'
 * const after = keyBetween(first, null);  // 'k'
 * keyBetween(first, after) > first;       // true
 */
export function keyBetween(a: string | null, b: string | null): string {
  if (a !== null && !isOrderKey(a)) throw new RangeError(`not an order key: ${a}`);
  if (b !== null && !isOrderKey(b)) throw new RangeError(`not an order key: ${b}`);
  if (a !== null && b !== null && a >= b) throw new RangeError(`order keys out of order: ${a} >= ${b}`);
  return midpoint(a ?? '', b);
}

/**
 * A key placing an item at `index` of a list whose keys are `sorted` (ascending; past the end or
 * undefined appends). Equal keys left by concurrent inserts are stepped over (the new item goes
 * after the tie), so a key can always be minted.
 *
 * @example
 * keyAt(['V', 'V', 'k'], 1) // between 'V' and 'k': the tie cannot be split
 */
export function keyAt(sorted: readonly string[], index: number | undefined): string {
  const at = Math.max(0, Math.min(index ?? sorted.length, sorted.length));
  const lo = sorted[at - 1] ?? null;
  const hi = sorted.slice(at).find((o) => lo === null || o > lo) ?? null;
  return keyBetween(lo, hi);
}

/**
 * Compares two ordered records by key, then by id so concurrent equal keys sort the same everywhere.
 *
 * @example
 * tracks.sort(compareByOrder);
 */
export function compareByOrder(a: { order: string; id: string }, b: { order: string; id: string }): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
