/**
 * Query words and their spelling corrections for catalog search: pure functions, no I/O.
 * `search.ts` looks the words up in the `search_words` dictionary and turns the result into
 * one tsquery.
 */

/** At most this many query words are searched (a title rarely has more). */
export const MAX_QUERY_WORDS = 8;
/** A last word this long or longer also matches as a prefix ("midn" → "midnight"). */
export const MIN_PREFIX = 3;
/** Dictionary words a misspelled query word may stand for, at most. */
export const MAX_CORRECTIONS = 3;

/**
 * The words of a query, lowercased: runs of letters, marks and digits. Everything else
 * (quotes, `&`, `|`, `!`, `:*`, backslashes) only separates words, so no tsquery syntax can
 * come from the user.
 *
 * @example
 * queryWords("Don't stop!"); // ['don', 't', 'stop']
 */
export function queryWords(q: string): string[] {
  return q
    .toLowerCase()
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, MAX_QUERY_WORDS);
}

/** Whether dictionary word `w` may appear in a tsquery unquoted (letters, marks, digits only). */
export const plainWord = (w: string): boolean => /^[\p{L}\p{M}\p{N}]+$/u.test(w);

/**
 * Edit distance counting a swap of two neighbours as one edit (optimal string alignment):
 * "lihgts" is 1 from "lights", where trigram similarity sees only 0.27.
 */
export function editDistance(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  // Three rolling rows: i-2, i-1, i.
  let prev2: number[] = [];
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur.push(d);
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[t.length]!;
}

/** Typos tolerated in a word of this many characters: none in 1-2, one up to 5, then two. */
export const allowedEdits = (length: number): number => (length <= 2 ? 0 : length <= 5 ? 1 : 2);

/** What the dictionary says about one query word. */
export interface WordLookup {
  word: string;
  /** Matched as a prefix (the last word, long enough). */
  prefix: boolean;
  /** The word itself is in the dictionary (or, for a prefix, some word starting with it). */
  known: boolean;
  /** Nearest dictionary words by trigram distance, nearest first (empty when known). */
  near: string[];
}

/**
 * Dictionary words a misspelled word stands for: the nearest within `allowedEdits` of it (all
 * those at the fewest edits, up to MAX_CORRECTIONS). The last word may be unfinished, so it is also compared with the start of
 * each candidate ("midng" → "midnight").
 *
 * @example
 * corrections({ word: 'harbor', prefix: false, known: false, near: ['harbour', 'arbor'] }); // ['harbour', 'arbor']
 */
export function corrections(l: WordLookup): string[] {
  const max = allowedEdits([...l.word].length);
  const length = [...l.word].length;
  return l.near
    .filter(plainWord)
    .map((w, rank) => {
      const whole = editDistance(l.word, w);
      const start = l.prefix ? editDistance(l.word, [...w].slice(0, length).join('')) : whole;
      return { w, rank, edits: Math.min(whole, start) };
    })
    .filter((c) => c.edits <= max)
    .sort((a, b) => a.edits - b.edits || a.rank - b.rank)
    // Only the closest: "lihgts" is "lights", not also "light" and "nights" (each a few
    // thousand more titles to rank for a worse match).
    .filter((c, _, all) => c.edits === all[0]!.edits)
    .slice(0, MAX_CORRECTIONS)
    .map((c) => c.w);
}

/**
 * The tsquery text (for `to_tsquery('simple', …)`) of looked-up words: every word must match,
 * as typed or as one of its corrections; the last one also as a prefix. Words that match
 * nothing are left out, so "kestrel echo" still finds titles with "echo" (and the artist
 * "Kestrel" ranks through its name). Null when no word matches anything.
 *
 * @example
 * titleQuery([{ word: 'midnigt', prefix: false, known: false, near: ['midnight'] }, { word: 'dri', prefix: true, known: true, near: [] }]);
 * // 'midnight & dri:*'
 */
export function titleQuery(lookups: WordLookup[]): string | null {
  const terms = lookups.flatMap((l) => {
    if (l.known) return [l.prefix ? `${l.word}:*` : l.word];
    const alternatives = corrections(l);
    if (alternatives.length === 0) return [];
    return [alternatives.length === 1 ? alternatives[0]! : `(${alternatives.join(' | ')})`];
  });
  return terms.length > 0 ? terms.join(' & ') : null;
}
