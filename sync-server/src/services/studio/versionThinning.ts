const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** How automatic versions are kept as they age (Time Machine's rule, with a cap). */
export interface ThinningRule {
  /** Younger than this: every one is kept. */
  keepAllMs: number;
  /** Younger than this: one per hour. */
  hourlyMs: number;
  /** Younger than this: one per day; older: one per week. */
  dailyMs: number;
  /** At most this many automatic versions per project (the oldest go first). */
  max: number;
}

export const DEFAULT_THINNING: ThinningRule = { keepAllMs: HOUR_MS, hourlyMs: DAY_MS, dailyMs: 30 * DAY_MS, max: 200 };

/**
 * Which automatic versions to delete: all are kept for the first hour, then the newest of
 * each hour for a day, of each day for a month, of each week after that; beyond `max` the
 * oldest go. Pure, so the rule is tested on its own.
 *
 * @example
 * thinVersions(autos, new Date()); // ['id of an older one in the same hour', ...]
 */
export function thinVersions(versions: readonly { id: string; createdAt: Date }[], now: Date, rule: ThinningRule = DEFAULT_THINNING): string[] {
  const newestFirst = [...versions].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? -1 : 1));
  const seen = new Set<string>();
  const kept: string[] = [];
  const drop: string[] = [];
  for (const v of newestFirst) {
    const t = v.createdAt.getTime();
    const age = now.getTime() - t;
    const bucket = age < rule.keepAllMs ? `v:${v.id}` : age < rule.hourlyMs ? `h:${Math.floor(t / HOUR_MS)}` : age < rule.dailyMs ? `d:${Math.floor(t / DAY_MS)}` : `w:${Math.floor(t / (7 * DAY_MS))}`;
    if (seen.has(bucket) || kept.length >= rule.max) drop.push(v.id);
    else {
      seen.add(bucket);
      kept.push(v.id);
    }
  }
  return drop;
}
