import { and, desc, sql, type SQL } from 'drizzle-orm';
import type { AutocompleteResponse, CatalogArtist, SearchResponse } from '@encore/shared/api/catalog';
import type { Database } from '../../db/database';
import { artists, tracks } from '../../db/schema/catalog';
import { searchWords } from '../../db/schema/searchWords';
import { rowsOf } from './browse';
import { MIN_PREFIX, queryWords, titleQuery, type WordLookup } from './spelling';
import { released, selectTracks, withDetails } from './trackView';

export const toArtist = (a: typeof artists.$inferSelect): CatalogArtist => ({ id: a.id, name: a.name, bio: a.bio, userId: a.userId });

/** Rows each candidate branch may hand to the ranking; ranking cost no longer grows with the catalog. */
const branchLimit = (limit: number) => Math.max(100, limit * 5);
/** Artists whose tracks join the candidates when the query looks like an artist's name. */
const ARTIST_CANDIDATES = 10;
/** Nearest dictionary words fetched per unknown query word, before the edit-distance filter. */
const NEAR_WORDS = 8;

/** The smallest string above every string starting with `w` (byte order, as `~<~` compares). */
const prefixEnd = (w: string): string => {
  const cps = [...w];
  const last = cps.pop()!.codePointAt(0)!;
  return cps.join('') + String.fromCodePoint(Math.min(last + 1, 0x10ffff));
};

/**
 * Looks each query word up in the `search_words` dictionary (one round trip): known as typed
 * (the last word: as a prefix), or else its nearest words by trigram distance (GiST KNN over
 * the dictionary's few thousand rows, never over the titles).
 */
async function lookUp(db: Database, words: string[]): Promise<WordLookup[]> {
  const prefixAt = words[words.length - 1]!.length >= MIN_PREFIX ? words.length - 1 : -1;
  const rowsSql = sql.join(
    words.map((w, i) => sql`(${i}::int, ${w}::text, ${prefixEnd(w)}::text, ${i === prefixAt}::boolean)`),
    sql`, `,
  );
  // An unfinished last word is also compared with the start of each word (`<<->`: one minus
  // word similarity), where whole-word distance ranks "midnight" far from "midng".
  const result = await db.execute(sql`
    select q.i, k.known,
      case when k.known then '{}'::text[] else array(select s.word from ${searchWords} s order by s.word <-> q.w limit ${NEAR_WORDS}) end as near,
      case when k.known or not q.p then '{}'::text[] else array(select s.word from ${searchWords} s order by q.w <<-> s.word limit ${NEAR_WORDS}) end as "nearStart"
    from (values ${rowsSql}) as q(i, w, hi, p)
    cross join lateral (select case when q.p then exists(select 1 from ${searchWords} s where s.word ~>=~ q.w and s.word ~<~ q.hi)
      else exists(select 1 from ${searchWords} s where s.word = q.w) end as known) as k`);
  const byIndex = new Map(rowsOf<{ i: number; known: boolean; near: string[]; nearStart: string[] }>(result).map((r) => [r.i, r]));
  return words.map((word, i) => {
    const r = byIndex.get(i);
    return { word, prefix: i === prefixAt, known: r?.known ?? false, near: [...new Set([...(r?.near ?? []), ...(r?.nearStart ?? [])])] };
  });
}

/**
 * Artists whose name resembles `text` (trigram similarity) or contains something like it
 * (word similarity), most similar first. The match runs in `similar_artist_ids` (migration
 * 0012), whose plans may not read every artist: the planner prices trigram comparisons as if
 * they were free and would rather not use the name index for a few thousand artists.
 */
function similarArtists(db: Database, text: string, limit: number) {
  return db
    .select()
    .from(artists)
    .where(sql`${artists.id} = any(array(select similar_artist_ids(${text}, ${limit}::int)))`)
    .orderBy(desc(sql`similarity(${artists.name}, ${text})`), desc(artists.id))
    .limit(limit);
}

/**
 * Catalog search: full text over titles with typo correction through the `search_words`
 * dictionary ("midnigt drve" searches "midnight & drive"), plus the tracks of artists whose
 * name resembles the query; ranked by relevance, then by plays.
 *
 * @example
 * const { tracks, artists } = await search(db, 'harbor lihgts', 20);
 */
export async function search(db: Database, q: string, limit: number): Promise<SearchResponse> {
  const words = queryWords(q);
  if (words.length === 0) return { tracks: [], artists: [] };
  // Trigram functions ignore punctuation anyway; the normalized text keeps them comparable.
  const text = words.join(' ');
  const [lookups, artistRows] = await Promise.all([lookUp(db, words), similarArtists(db, text, Math.max(limit, ARTIST_CANDIDATES))]);
  const titleTsquery = titleQuery(lookups);
  const artistIds = artistRows.slice(0, ARTIST_CANDIDATES).map((a) => a.id);
  if (titleTsquery === null && artistIds.length === 0) return { tracks: [], artists: [] };

  // An InitPlan: parsed once per query, not once per matching row.
  const tsq = sql`(select to_tsquery('simple', ${titleTsquery ?? ''}))`;
  const n = branchLimit(limit);
  // Candidates come from indexes only: the GIN index on `search` (a common word matches a few
  // thousand titles, ranked by ts_rank and plays: no trigram comparison per row) and the
  // artist index; each branch keeps its best n released rows, so the final ranking, with
  // its trigram similarities, sorts a few hundred rows whatever the catalog size.
  const branches: SQL[] = [];
  if (titleTsquery !== null) {
    branches.push(sql`(select id from tracks where search @@ ${tsq} and status = 'ready' and moderation = 'approved'
      order by ts_rank(search, ${tsq}, 1) desc, play_count desc limit ${n})`);
  }
  if (artistIds.length > 0) {
    branches.push(sql`(select id from tracks where artist_id in (${sql.join(
      artistIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )}) and status = 'ready' and moderation = 'approved' order by play_count desc limit ${n})`);
  }
  // ts_rank normalization 1 divides by the title's length: "Echo" outranks "Echo Park" for "echo".
  const titleRank = titleTsquery === null ? sql`0` : sql`ts_rank(${tracks.search}, ${tsq}, 1)`;
  const relevance = sql`(2 * ${titleRank} + greatest(similarity(${tracks.title}, ${text}), word_similarity(${text}, ${tracks.title}), similarity(${artists.name}, ${text})))`;
  const rows = await selectTracks(db)
    .where(and(released(), sql`${tracks.id} in (${sql.join(branches, sql` union `)})`))
    .orderBy(desc(relevance), desc(tracks.playCount), desc(tracks.id))
    .limit(limit);
  return { tracks: await withDetails(db, rows), artists: artistRows.slice(0, limit).map(toArtist) };
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

