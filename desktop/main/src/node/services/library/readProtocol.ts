import type { ReadResult, TrackRecord } from './readTrack';

/** Messages between the library (host thread) and its file-reading workers; both ship together. */

export interface ReadJob {
  type: 'read';
  id: number;
  path: string;
  /** Size and mtime from the folder walk, when known. */
  stat?: { size: number; mtimeMs: number };
  /** Names in the file's folder, when known (a sidecar .lrc is opened only if listed). */
  dirNames?: string[];
  /** The folder's cover file (cover.jpg, ...), used when the file embeds no picture. */
  cover: string | null;
}

/** A read file with its picture already stored: only the artwork's hash crosses threads. */
export type StoredTrack = Omit<TrackRecord, 'picture'>;
export type ReadOutcome = { ok: true; track: StoredTrack; artworkHash: string | null } | Extract<ReadResult, { ok: false }>;

export type ReadReply = { type: 'ready' } | { type: 'done'; id: number; outcome: ReadOutcome } | { type: 'failed'; id: number; error: string };

/** What a worker is started with. */
export interface ReadWorkerData {
  artworkDir: string;
}
