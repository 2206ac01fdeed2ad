import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../db/database';
import { albums, artistFollows, artists, tracks, type ArtistRow } from '../../db/schema/catalog';
import { released } from '../catalog/trackView';
import type { SubsonicObject } from './response';
import type { Viewer } from './viewer';

export const IGNORED_ARTICLES = ['The', 'El', 'La', 'Los', 'Las', 'Le', 'Les'];
const ARTICLE = new RegExp(`^(?:${IGNORED_ARTICLES.join('|')})\\s+`, 'i');

/** The name players sort and index by: "The Band" under B. */
export const sortName = (name: string) => name.replace(ARTICLE, '');

/** The index letter of a name: A-Z, or # for anything else. */
export function indexLetter(name: string): string {
  const first = sortName(name).normalize('NFD').charAt(0).toUpperCase();
  return /[A-Z]/.test(first) ? first : '#';
}

export interface ArtistAggRow {
  artist: ArtistRow;
  albumCount: number;
}

/** Artists with at least one released track, with how many albums hold a released track. */
export function selectArtists(db: Database) {
  return db
    .select({ artist: artists, albumCount: sql<number>`count(distinct ${albums.id})::int` })
    .from(artists)
    .innerJoin(tracks, and(eq(tracks.artistId, artists.id), released()))
    .leftJoin(albums, eq(albums.id, tracks.albumId))
    .groupBy(artists.id)
    .$dynamic();
}

/** Subsonic artists (ArtistID3) with the viewer's follows as stars. */
export async function toArtists(db: Database, viewer: Viewer, rows: ArtistAggRow[]): Promise<SubsonicObject[]> {
  if (rows.length === 0) return [];
  const follows = await db
    .select({ id: artistFollows.artistId, at: artistFollows.createdAt })
    .from(artistFollows)
    .where(
      and(
        eq(artistFollows.userId, viewer.id),
        inArray(
          artistFollows.artistId,
          rows.map((r) => r.artist.id),
        ),
      ),
    );
  return rows.map((r) => ({
    id: r.artist.id,
    name: r.artist.name,
    albumCount: r.albumCount,
    starred: follows.find((f) => f.id === r.artist.id)?.at.toISOString(),
    sortName: sortName(r.artist.name),
  }));
}

/** Artists grouped under their index letters, in Subsonic's `index` shape. */
export function indexed(list: SubsonicObject[]): SubsonicObject[] {
  const groups = new Map<string, SubsonicObject[]>();
  const sorted = [...list].sort((a, b) => sortName(String(a.name)).localeCompare(sortName(String(b.name)), 'en', { sensitivity: 'base' }));
  for (const a of sorted) {
    const letter = indexLetter(String(a.name));
    groups.set(letter, [...(groups.get(letter) ?? []), a]);
  }
  return [...groups.keys()].sort((a, b) => (a === '#' ? 1 : b === '#' ? -1 : a.localeCompare(b))).map((name) => ({ name, artist: groups.get(name)! }));
}
