import type { RepeatMode } from '@encore/shared/host/media';
import { shuffled } from './rng';

/** One slot of the queue; `key` tells two entries of the same track apart. */
export interface QueueEntry {
  key: number;
  trackId: string;
}

/**
 * The play queue as an immutable value: every operation returns a new queue. `entries` is in
 * play order (what "Up next" shows); while shuffled, `unshuffled` remembers the order to
 * restore. Shuffle plays every entry once before any repeats: it shuffles what has not played
 * yet, and on a repeat-all wrap it reshuffles everything, never starting with the track that
 * just ended. The RNG state lives in the queue, so the same queue always plays the same way.
 */
export interface Queue {
  entries: readonly QueueEntry[];
  /** Index in `entries` of the current entry; -1 when nothing is current. */
  pos: number;
  unshuffled: readonly number[] | null;
  repeat: RepeatMode;
  /** Track ids played, newest last (capped). */
  history: readonly string[];
  rng: number;
  nextKey: number;
}

export const HISTORY_LIMIT = 500;

/**
 * @example
 * let q = emptyQueue(7);
 * q = setQueue(q, ['a', 'b', 'c'], 1); // 'b' is current
 * q = advance(q, 'auto').queue;        // 'c'
 */
export function emptyQueue(seed = Date.now() | 0): Queue {
  return { entries: [], pos: -1, unshuffled: null, repeat: 'off', history: [], rng: seed, nextKey: 1 };
}

export const currentEntry = (q: Queue): QueueEntry | null => q.entries[q.pos] ?? null;
export const isShuffled = (q: Queue): boolean => q.unshuffled !== null;
/** Entries after the current one, in play order. */
export const upNext = (q: Queue): readonly QueueEntry[] => q.entries.slice(q.pos + 1);

function mint(q: Queue, ids: readonly string[]): [QueueEntry[], number] {
  return [ids.map((trackId, i) => ({ key: q.nextKey + i, trackId })), q.nextKey + ids.length];
}

/** Replaces the queue with `ids` (an album, a playlist, a view) and makes `start` current. */
export function setQueue(q: Queue, ids: readonly string[], start = 0): Queue {
  const [entries, nextKey] = mint(q, ids);
  const base: Queue = { ...q, entries, pos: entries.length ? Math.min(Math.max(start, 0), entries.length - 1) : -1, unshuffled: null, nextKey };
  return isShuffled(q) ? shuffleOn(base) : base;
}

/** Inserts `ids` right after the current entry. */
export function playNext(q: Queue, ids: readonly string[]): Queue {
  const [added, nextKey] = mint(q, ids);
  const at = q.pos + 1;
  const entries = [...q.entries.slice(0, at), ...added, ...q.entries.slice(at)];
  let unshuffled = q.unshuffled;
  if (unshuffled) {
    const cur = currentEntry(q);
    const i = cur ? unshuffled.indexOf(cur.key) + 1 : unshuffled.length;
    unshuffled = [...unshuffled.slice(0, i), ...added.map((e) => e.key), ...unshuffled.slice(i)];
  }
  return { ...q, entries, unshuffled, nextKey, pos: q.pos === -1 && entries.length ? 0 : q.pos };
}

/** Appends `ids` to the end of the queue. */
export function addToQueue(q: Queue, ids: readonly string[]): Queue {
  const [added, nextKey] = mint(q, ids);
  return {
    ...q,
    entries: [...q.entries, ...added],
    unshuffled: q.unshuffled ? [...q.unshuffled, ...added.map((e) => e.key)] : null,
    nextKey,
    pos: q.pos === -1 && added.length ? q.entries.length : q.pos,
  };
}

/** Plays `id` now: inserted after the current entry and made current; the rest stays queued. */
export function playNow(q: Queue, id: string): Queue {
  const next = playNext(q, [id]);
  return { ...next, pos: q.pos + 1, history: pushHistory(next.history, currentEntry(q)) };
}

/** Moves the entry at `from` to `to` (indices in play order); the current entry follows its key. */
export function move(q: Queue, from: number, to: number): Queue {
  if (from === to || from < 0 || to < 0 || from >= q.entries.length || to >= q.entries.length) return q;
  const cur = currentEntry(q);
  const entries = [...q.entries];
  const [e] = entries.splice(from, 1);
  entries.splice(to, 0, e!);
  return { ...q, entries, pos: cur ? entries.indexOf(cur) : -1 };
}

/** Removes entries at these play-order indices. Removing the current one makes the next current. */
export function remove(q: Queue, indices: readonly number[]): Queue {
  const drop = new Set(indices);
  const entries = q.entries.filter((_, i) => !drop.has(i));
  const keys = new Set(entries.map((e) => e.key));
  let pos = q.pos - indices.filter((i) => i < q.pos).length;
  if (drop.has(q.pos)) pos = Math.min(pos, entries.length - 1);
  if (!entries.length) pos = -1;
  return { ...q, entries, pos, unshuffled: q.unshuffled ? q.unshuffled.filter((k) => keys.has(k)) : null };
}

/** Clears what is queued; the current entry keeps playing. */
export function clear(q: Queue): Queue {
  const cur = currentEntry(q);
  return { ...q, entries: cur ? [cur] : [], pos: cur ? 0 : -1, unshuffled: q.unshuffled && cur ? [cur.key] : q.unshuffled ? [] : null };
}

/** Makes the entry at `index` current (a click in the queue panel). */
export function jump(q: Queue, index: number): Queue {
  if (index < 0 || index >= q.entries.length || index === q.pos) return q;
  return { ...q, pos: index, history: pushHistory(q.history, currentEntry(q)) };
}

export function setRepeat(q: Queue, repeat: RepeatMode): Queue {
  return { ...q, repeat };
}

/** Shuffles what has not played yet; the current entry stays current. */
export function shuffleOn(q: Queue): Queue {
  if (isShuffled(q)) return q;
  const unshuffled = q.entries.map((e) => e.key);
  const head = q.entries.slice(0, q.pos + 1);
  const [rest, rng] = shuffled(q.entries.slice(q.pos + 1), q.rng);
  return { ...q, entries: [...head, ...rest], unshuffled, rng };
}

/** Back to the order the queue had before shuffling (entries added since keep their place). */
export function shuffleOff(q: Queue): Queue {
  if (!q.unshuffled) return q;
  const byKey = new Map(q.entries.map((e) => [e.key, e]));
  const entries = q.unshuffled.map((k) => byKey.get(k)).filter((e): e is QueueEntry => e !== undefined);
  const cur = currentEntry(q);
  return { ...q, entries, pos: cur ? entries.indexOf(cur) : -1, unshuffled: null };
}

export const setShuffle = (q: Queue, on: boolean): Queue => (on ? shuffleOn(q) : shuffleOff(q));

/**
 * What follows the current entry. 'auto' is the end of a track (repeat-one replays it);
 * 'skip' is the user's Next (repeat-one moves on like repeat-all). `queue` is null when
 * playback stops (the end with repeat off); the queue then stays on its last entry.
 */
export function advance(q: Queue, reason: 'auto' | 'skip'): { queue: Queue | null; wrapped: boolean } {
  const cur = currentEntry(q);
  if (!cur) return { queue: null, wrapped: false };
  const history = pushHistory(q.history, cur);
  if (reason === 'auto' && q.repeat === 'one') return { queue: { ...q, history }, wrapped: false };
  if (q.pos + 1 < q.entries.length) return { queue: { ...q, pos: q.pos + 1, history }, wrapped: false };
  if (q.repeat === 'off') return { queue: null, wrapped: false };
  if (!isShuffled(q)) return { queue: { ...q, pos: 0, history }, wrapped: true };
  // A new shuffled round; the track that just ended does not open it (unless it is alone).
  const [round, rng] = shuffled(q.entries, q.rng);
  const entries = round.length > 1 && round[0]!.key === cur.key ? [...round.slice(1), round[0]!] : round;
  return { queue: { ...q, entries, pos: 0, rng, history }, wrapped: true };
}

/** The user's Previous: the entry before (wrapping under repeat-all); null at the start. */
export function previous(q: Queue): Queue | null {
  if (q.pos > 0) return { ...q, pos: q.pos - 1 };
  if (q.repeat !== 'off' && q.entries.length > 0) return { ...q, pos: q.entries.length - 1 };
  return null;
}

function pushHistory(history: readonly string[], e: QueueEntry | null): readonly string[] {
  if (!e) return history;
  const next = [...history, e.trackId];
  return next.length > HISTORY_LIMIT ? next.slice(next.length - HISTORY_LIMIT) : next;
}
