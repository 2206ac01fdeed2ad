import { and, desc, sql } from 'drizzle-orm';
import type { AutocompleteResponse, CatalogArtist, SearchResponse } from '@encore/shared/api/catalog';
import type { Database } from '../../db/database';
import { artists, tracks } from '../../db/schema/catalog';
import { released, selectTracks, withDetails } from './trackView';

export const toArtist = (a: typeof artists.$inferSelect): CatalogArtist => ({ id: a.id, name: a.name, bio: a.bio, userId: a.userId });

/**
 * Full-text search over titles plus pg_trgm similarity for typos ("midnigt" finds
 * "Midnight"), ranked by relevance, then by plays.
 */
export async function search(db: Database, q: string, limit: number): Promise<SearchResponse> {
  const tsq = sql`websearch_to_tsquery('simple', ${q})`;
  const relevance = sql`(2 * ts_rank(${tracks.search}, ${tsq}) + greatest(similarity(${tracks.title}, ${q}), word_similarity(${q}, ${tracks.title}), similarity(${artists.name}, ${q})))`;
  // Candidates come from one index each (full text, title trigrams, artist-name trigrams), so no
  // branch scans the table: an OR across the join made PostgreSQL read all 100k rows per query.
  const candidates = sql`(
    select id from tracks where search @@ ${tsq}
    union select id from tracks where title % ${q}
    union select id from tracks where ${q} <% title
    union select tr.id from tracks tr join artists ar on ar.id = tr.artist_id where ar.name % ${q}
  )`;
  const rows = await selectTracks(db)
    .where(and(released(), sql`${tracks.id} in ${candidates}`))
    .orderBy(desc(relevance), desc(tracks.playCount), desc(tracks.id))
    .limit(limit);
  const artistRows = await db
    .select()
    .from(artists)
    .where(sql`${artists.name} % ${q} or ${q} <% ${artists.name}`)
    .orderBy(desc(sql`similarity(${artists.name}, ${q})`), desc(artists.id))
    .limit(limit);
  return { tracks: await withDetails(db, rows), artists: artistRows.map(toArtist) };
}

/** `LIKE` pattern of a literal prefix. */
const likePrefix = (s: string) => `${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Prefix suggestions: titles whose words start with what was typed (`midn` → "Midnight
 * Drive"), then artist names, popular first.
 */
export async function autocomplete(db: Database, q: string, limit = 10): Promise<AutocompleteResponse> {
  const words = q.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (words.length === 0) return { suggestions: [] };
  // Only letters and digits reach the tsquery text, so it cannot be malformed.
  const prefixQuery = words.map((w, i) => (i === words.length - 1 ? `${w}:*` : w)).join(' & ');
  const trackRows = await db
    .select({ id: tracks.id, title: tracks.title })
    .from(tracks)
    .where(and(released(), sql`(${tracks.search} @@ to_tsquery('simple', ${prefixQuery}) or ${tracks.title} ilike ${likePrefix(q)})`))
    .orderBy(desc(tracks.playCount), tracks.title)
    .limit(limit);
  const artistRows = await db
    .select({ id: artists.id, name: artists.name })
    .from(artists)
    .where(sql`${artists.name} ilike ${likePrefix(q)}`)
    .orderBy(artists.name)
    .limit(limit);
  return {
    suggestions: [...trackRows.map((t) => ({ kind: 'track' as const, id: t.id, text: t.title })), ...artistRows.map((a) => ({ kind: 'artist' as const, id: a.id, text: a.name }))].slice(0, limit),
  };
}

