import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { docVersions, studioProjects } from '../../db/schema/index';
import { describeEachDatabase } from '../../test/databases';
import { takeAutoVersion } from './versions';

const HOUR = 3_600_000;

describeEachDatabase('takeAutoVersion: one per interval, thinned as they age', (db) => {
  async function project(): Promise<string> {
    const now = new Date();
    const [row] = await db().db.insert(studioProjects).values({ name: 'p', createdAt: now, updatedAt: now }).returning();
    return row!.id;
  }
  const state = (n: number) => {
    const d = new Y.Doc();
    d.getMap('m').set('n', n);
    return Y.encodeStateAsUpdate(d);
  };
  const autos = async (id: string) => db().db.select({ createdAt: docVersions.createdAt }).from(docVersions).where(and(eq(docVersions.docId, id), eq(docVersions.kind, 'auto')));

  it('skips while the last one is recent and thins a simulated month of hourly edits', async () => {
    const id = await project();
    const start = Date.UTC(2026, 0, 1);
    expect(await takeAutoVersion(db().db, { projectId: id, state: state(0), now: new Date(start) })).toBeDefined();
    expect(await takeAutoVersion(db().db, { projectId: id, state: state(1), now: new Date(start + 10 * 60_000) })).toBeUndefined();
    for (let h = 1; h <= 24 * 30; h++) await takeAutoVersion(db().db, { projectId: id, state: state(h), now: new Date(start + h * HOUR) });
    const kept = await autos(id);
    // A day of hourly ones plus about one a day before that (and the first hour's own).
    expect(kept.length).toBeGreaterThanOrEqual(24 + 28);
    expect(kept.length).toBeLessThanOrEqual(24 + 31 + 2);
    const end = start + 24 * 30 * HOUR;
    const lastDay = kept.filter((k) => end - k.createdAt.getTime() < 24 * HOUR);
    expect(lastDay.length).toBeGreaterThanOrEqual(23);
  }, 120_000);

  it('does nothing for a project that no longer exists', async () => {
    expect(await takeAutoVersion(db().db, { projectId: '00000000-0000-4000-8000-000000000000', state: state(0), now: new Date() })).toBeUndefined();
  });
});
