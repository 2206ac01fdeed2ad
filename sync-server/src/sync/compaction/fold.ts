import * as Y from 'yjs';
import { packSnapshot, unpackSnapshot } from '../snapshotCodec';

/** What a compaction folds: the stored snapshot (as stored, packed) and the log rows on top of it, in order. */
export interface FoldInput {
  snapshot: Uint8Array | undefined;
  updates: Uint8Array[];
}

/** The new snapshot: the bytes to store, and the document's own (uncompressed) size. */
export interface FoldResult {
  packed: Uint8Array;
  sizeBytes: number;
}

/**
 * The CPU part of a compaction: inflates the snapshot, applies the log on top, encodes the
 * whole state and deflates it. Pure (no I/O): the worker runs exactly this, and so can a test.
 *
 * @example
 * const { packed, sizeBytes } = foldSnapshot({ snapshot: row?.state, updates: log.map((r) => r.update) });
 */
export function foldSnapshot(input: FoldInput): FoldResult {
  const doc = new Y.Doc({ gc: true });
  try {
    if (input.snapshot) Y.applyUpdate(doc, unpackSnapshot(input.snapshot));
    for (const u of input.updates) Y.applyUpdate(doc, u);
    const state = Y.encodeStateAsUpdate(doc);
    return { packed: packSnapshot(state), sizeBytes: state.byteLength };
  } finally {
    doc.destroy();
  }
}
