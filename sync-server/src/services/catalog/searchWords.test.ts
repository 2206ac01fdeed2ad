import { randomBytes } from 'node:crypto';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { expect, it, vi } from 'vitest';
import type { Database } from '../../db/database';
import { artists, tracks } from '../../db/schema/catalog';
import { searchWords } from '../../db/schema/searchWords';
import { users } from '../../db/schema/users';
import { describeEachDatabase } from '../../test/databases';
import { rowsOf } from './browse';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const now = new Date('2026-01-01T00:00:00Z');

async function anArtist(db: Database, name: string): Promise<string> {
  const [user] = await db
    .insert(users)
    .values({ email: `${name}@example.test`, username: name, passwordHash: 'x', profile: {}, preferences: {}, statistics: {} } as never)
    .returning({ id: users.id });
  const [artist] = await db.insert(artists).values({ userId: user!.id, name, createdAt: now, updatedAt: now }).returning({ id: artists.id });
  return artist!.id;
}

const track = (artistId: string, title: string, o: Partial<typeof tracks.$inferInsert> = {}) => ({
  artistId,
  title,
  durationMs: 60_000,
  status: 'ready' as const,
  sourceSha256: randomBytes(32).toString('hex'),
  releasedAt: now,
  createdAt: now,
  updatedAt: now,
  ...o,
});

/** The dictionary as stored. */
async function dictionary(db: Database): Promise<Record<string, number>> {
  const rows = await db.select().from(searchWords).orderBy(asc(searchWords.word));
  return Object.fromEntries(rows.map((r) => [r.word, r.tracks]));
}

/** The dictionary recomputed from the tracks: what the triggers must keep it equal to. */
async function recomputed(db: Database): Promise<Record<string, number>> {
  const result = await db.execute(sql`select w as word, count(*)::int as tracks from tracks t, unnest(tsvector_to_array(t.search)) as w
    where t.status = 'ready' and t.moderation = 'approved' group by w order by w`);
  return Object.fromEntries(rowsOf<{ word: string; tracks: number }>(result).map((r) => [r.word, r.tracks]));
}

describeEachDatabase('search_words, the search dictionary', (handle) => {
  it('follows inserts, edits, moderation, unpublishing and deletes of released tracks, in their transaction', async () => {
    const db = handle().db;
    const ada = await anArtist(db, 'ada');
    const rows = await db
      .insert(tracks)
      .values([track(ada, 'Midnight Drive'), track(ada, 'Midnight Midnight'), track(ada, 'Hidden Draft', { status: 'processing' }), track(ada, 'Pending Song', { moderation: 'pending' })])
      .returning({ id: tracks.id });
    const [drive, twice, draft, pending] = rows.map((r) => r.id);
    // A word counts once per track, and unreleased tracks count not at all.
    expect(await dictionary(db)).toEqual({ drive: 1, midnight: 2 });

    await db.update(tracks).set({ status: 'ready' }).where(eq(tracks.id, draft!));
    await db.update(tracks).set({ moderation: 'approved' }).where(eq(tracks.id, pending!));
    expect(await dictionary(db)).toEqual({ draft: 1, drive: 1, hidden: 1, midnight: 2, pending: 1, song: 1 });

    await db.update(tracks).set({ title: 'Harbour Drive' }).where(eq(tracks.id, drive!));
    await db.update(tracks).set({ status: 'unpublished' }).where(eq(tracks.id, draft!));
    await db.update(tracks).set({ moderation: 'rejected' }).where(eq(tracks.id, pending!));
    expect(await dictionary(db)).toEqual({ drive: 1, harbour: 1, midnight: 1 });

    // A play changes nothing it counts; several rows in one statement count once each.
    await db.update(tracks).set({ playCount: sql`${tracks.playCount} + 1` });
    await db.update(tracks).set({ status: 'ready', moderation: 'approved' }).where(inArray(tracks.id, [draft!, pending!]));
    expect(await dictionary(db)).toEqual(await recomputed(db));
    expect((await dictionary(db)).midnight).toBe(1);

    // A failed write leaves the dictionary as it was.
    await expect(
      db.transaction(async (tx) => {
        await tx.update(tracks).set({ title: 'Rolled Back' }).where(eq(tracks.id, twice!));
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect((await dictionary(db)).rolled).toBeUndefined();

    await db.delete(tracks).where(eq(tracks.id, twice!));
    expect((await dictionary(db)).midnight).toBeUndefined();
    // Deleting the artist deletes its tracks through the foreign key, and their words.
    await db.delete(artists).where(eq(artists.id, ada));
    expect(await dictionary(db)).toEqual({});
  });

  it('matches a recount after many random writes, and empties with the tracks table', async () => {
    const db = handle().db;
    const ada = await anArtist(db, 'ada');
    const words = ['echo', 'ember', 'harbour', 'light', 'lights', 'night'];
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const title = () => Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => words[Math.floor(rnd() * words.length)]).join(' ');
    const ids = (await db.insert(tracks).values(Array.from({ length: 60 }, () => track(ada, title()))).returning({ id: tracks.id })).map((r) => r.id);
    for (let i = 0; i < 40; i++) {
      const id = ids[Math.floor(rnd() * ids.length)]!;
      const pick = rnd();
      if (pick < 0.4) await db.update(tracks).set({ title: title() }).where(eq(tracks.id, id));
      else if (pick < 0.7) await db.update(tracks).set({ status: rnd() < 0.5 ? 'ready' : 'unpublished' }).where(eq(tracks.id, id));
      else if (pick < 0.9) await db.update(tracks).set({ moderation: rnd() < 0.5 ? 'approved' : 'pending' }).where(eq(tracks.id, id));
      else await db.delete(tracks).where(eq(tracks.id, id));
    }
    expect(Object.keys(await dictionary(db)).length).toBeGreaterThan(0);
    expect(await dictionary(db)).toEqual(await recomputed(db));

    await db.execute(sql`truncate tracks cascade`);
    expect(await dictionary(db)).toEqual({});
  });
});
