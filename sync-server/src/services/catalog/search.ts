import { and, desc, sql } from 'drizzle-orm';
import type { AutocompleteResponse, CatalogArtist, SearchResponse } from '@encore/shared/api/catalog';
import type { Database } from '../../db/database';
import { artists, tracks } from '../../db/schema/catalog';
import { released, selectTracks, withDetails } from './trackView';

export const toArtist = (a: typeof artists.$inferSelect): CatalogArtist => ({ id: a.id, name: a.name, bio: a.bio, userId: a.userId });

/** Rows each candidate branch may hand to the ranking; ranking cost no longer grows with the catalog. */
const branchLimit = (limit: number) => Math.max(100, limit * 5);
/** Artists whose tracks join the candidates when the query looks like an artist's name. */
const ARTIST_CANDIDATES = 10;
/** Lowest word similarity of the query to a title that still counts as a (typo) match. */
const WORD_SIMILARITY = '0.4';

/**
 * Full-text search over titles plus pg_trgm word similarity for typos ("midnigt" finds
 * "Midnight"), ranked by relevance, then by plays.
 */
export async function search(db: Database, q: string, limit: number): Promise<SearchResponse> {
  const tsq = sql`websearch_to_tsquery('simple', ${q})`;
  // The final relevance minus its similarity() terms: word similarity is never far below a
  // title's whole similarity, and each trigram comparison counts when thousands of rows match.
  const titleRelevance = sql`(2 * ts_rank(search, ${tsq}) + word_similarity(${q}, title))`;
  const relevance = sql`(2 * ts_rank(${tracks.search}, ${tsq}) + greatest(similarity(${tracks.title}, ${q}), word_similarity(${q}, ${tracks.title}), similarity(${artists.name}, ${q})))`;
  const n = branchLimit(limit);
  // Candidates come from GIN indexes only (@@, <% and % are indexable; similarity() in WHERE
  // is not). The two title indexes are OR-ed into one bitmap, so the heap is read once, and
  // each branch keeps its best n released rows: the final ranking sorts a few hundred rows
  // whatever the catalog size, although a common word matches thousands. `<%` (word
  // similarity ≥ WORD_SIMILARITY) also accepts a query longer than the title, so no whole-title `%` branch.
  const candidates = sql`(
    (select id from tracks where (search @@ ${tsq} or ${q} <% title) and status = 'ready' and moderation = 'approved'
      order by ${titleRelevance} desc, play_count desc limit ${n})
    union (select tr.id from tracks tr
      where tr.artist_id in (select id from artists where name % ${q} order by similarity(name, ${q}) desc limit ${ARTIST_CANDIDATES})
        and tr.status = 'ready' and tr.moderation = 'approved'
      order by tr.play_count desc limit ${n})
  )`;
  return db.transaction(async (tx) => {
    // The default word similarity (0.6) misses two typos in two short words ("midnigt drve" is
    // 0.5 to "Midnight Drive", "harbor lihgts" 0.41 to "Harbour Lights"); set for this
    // transaction only, and read by the GIN index scan.
    await tx.execute(sql`select set_config('pg_trgm.word_similarity_threshold', ${WORD_SIMILARITY}, true)`);
    const rows = await selectTracks(tx)
      .where(and(released(), sql`${tracks.id} in ${candidates}`))
      .orderBy(desc(relevance), desc(tracks.playCount), desc(tracks.id))
      .limit(limit);
    const artistRows = await tx
      .select()
      .from(artists)
      .where(sql`${artists.name} % ${q} or ${q} <% ${artists.name}`)
      .orderBy(desc(sql`similarity(${artists.name}, ${q})`), desc(artists.id))
      .limit(limit);
    return { tracks: await withDetails(tx, rows), artists: artistRows.map(toArtist) };
  });
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

