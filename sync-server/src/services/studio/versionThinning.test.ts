import { describe, expect, it } from 'vitest';
import { thinVersions } from './versionThinning';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = new Date(Date.UTC(2026, 11, 4, 18, 30));
const at = (msAgo: number, id = `v${msAgo}`) => ({ id, createdAt: new Date(now.getTime() - msAgo) });

describe('thinVersions: automatic versions thinned like Time Machine', () => {
  it('keeps every version of the last hour', () => {
    const recent = [at(1_000), at(60_000), at(20 * 60_000), at(59 * 60_000)];
    expect(thinVersions(recent, now)).toEqual([]);
  });

  it('keeps the newest per hour for a day, per day for a month, per week after', () => {
    // Two in one hour yesterday-ish (hour buckets), two on one day last week, two in one week last year.
    const hourA = at(5 * HOUR + 60_000 * 10, 'hourNew');
    const hourB = at(5 * HOUR + 60_000 * 20, 'hourOld');
    const dayA = at(6 * DAY + HOUR, 'dayNew');
    const dayB = at(6 * DAY + 2 * HOUR, 'dayOld');
    const weekStart = Math.floor((now.getTime() - 200 * DAY) / (7 * DAY)) * 7 * DAY;
    const weekA = { id: 'weekNew', createdAt: new Date(weekStart + 3 * DAY) };
    const weekB = { id: 'weekOld', createdAt: new Date(weekStart + DAY) };
    const drop = thinVersions([hourB, dayB, weekB, hourA, dayA, weekA], now);
    expect(drop.sort()).toEqual(['dayOld', 'hourOld', 'weekOld']);
  });

  it('never keeps more than the cap, dropping the oldest first', () => {
    const many = Array.from({ length: 30 }, (_, i) => at(i * 60_000 + 1, `m${String(i).padStart(2, '0')}`));
    const drop = thinVersions(many, now, { keepAllMs: HOUR, hourlyMs: DAY, dailyMs: 30 * DAY, max: 10 });
    expect(drop).toHaveLength(20);
    expect(drop).toContain('m29');
    expect(drop).not.toContain('m00');
  });

  it('bounds a year of hourly versions to about 24 + 30 + 48', () => {
    const year = Array.from({ length: 365 * 24 }, (_, i) => at(i * HOUR + 1));
    const kept = year.length - thinVersions(year, now).length;
    expect(kept).toBeGreaterThan(90);
    expect(kept).toBeLessThanOrEqual(24 + 31 + 48);
  });
});
