/** Messages between the compaction pool and its worker threads. */
export interface FoldJob {
  id: number;
  snapshot: Uint8Array | undefined;
  updates: Uint8Array[];
}

export type FoldReply = { id: number; ok: true; packed: Uint8Array; sizeBytes: number } | { id: number; ok: false; error: string };
