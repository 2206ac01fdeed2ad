import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * The search dictionary: every distinct word (lexeme of `tracks.search`) of released tracks'
 * titles, with how many released tracks use it. Typo correction looks a misspelled query word
 * up here (a few thousand rows, trigram KNN) instead of comparing it with every title.
 *
 * Kept exact by statement triggers on `tracks` (migration 0010_search_words_triggers): a
 * publish, edit, moderation decision or unpublish changes it in the same transaction.
 */
export const searchWords = pgTable(
  'search_words',
  {
    word: text('word').primaryKey(),
    /** Released tracks whose title has this word; the row goes when it reaches 0. */
    tracks: integer('tracks').notNull(),
  },
  (t) => [
    // `word <-> $1` nearest-neighbour ordering needs GiST (GIN cannot order by distance).
    index('search_words_trgm_idx').using('gist', t.word.op('gist_trgm_ops')),
    // Prefix ranges (`~>=~`, `~<~`) whatever the database collation.
    index('search_words_prefix_idx').on(t.word.op('text_pattern_ops')),
  ],
);
