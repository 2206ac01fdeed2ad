import { randomBytes } from 'node:crypto';
import { albums, artists, tracks } from '../db/schema/catalog';
import type { DatabaseHandle } from '../db/database';
import { artistAccount } from './catalog';
import type { TestApp } from './harness';

/**
 * Catalog rows written straight to the database (released, no media files): enough for
 * likes, ratings and playlists without running the processing pipeline. Tests that stream
 * publish through the real pipeline instead (test/catalog.ts `publish`).
 */
export async function seedReleases(t: TestApp, handle: DatabaseHandle, o: { user?: string; name?: string; titles?: string[] } = {}) {
  const account = await artistAccount(t, o.user ?? 'ada');
  const now = t.clock.now();
  const [artist] = await handle.db.insert(artists).values({ userId: account.user.id, name: o.name ?? o.user ?? 'ada', createdAt: now, updatedAt: now }).returning();
  const [album] = await handle.db.insert(albums).values({ artistId: artist!.id, title: 'First Light', albumType: 'album', genres: ['Ambient'], createdAt: now, updatedAt: now }).returning();
  const titles = o.titles ?? ['Dawn', 'Noon', 'Dusk'];
  const rows = await handle.db
    .insert(tracks)
    .values(
      titles.map((title, i) => ({
        artistId: artist!.id,
        albumId: album!.id,
        trackNumber: i + 1,
        title,
        genres: ['Ambient'],
        durationMs: 60_000 + i * 1000,
        status: 'ready' as const,
        sourceSha256: randomBytes(32).toString('hex'),
        releasedAt: now,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .returning();
  return { account, artist: artist!, album: album!, tracks: rows };
}
