import type * as Y from 'yjs';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { CollabModel, CollabState, Peer, PresenceCursor } from './collabModel';

/**
 * The collaboration model of the project open in the editor. The collab bar creates it; the
 * arrangement and piano roll overlays read the peers from it and publish the pointer into it,
 * without the editor's component tree having to pass it down.
 */
export const activeCollab = createStore<{ doc: Y.Doc | null; collab: CollabModel | null }>(() => ({ doc: null, collab: null }));

/** Registers `collab` for `doc` until the returned function is called. */
export function registerCollab(doc: Y.Doc, collab: CollabModel): () => void {
  activeCollab.setState({ doc, collab });
  return () => {
    if (activeCollab.getState().collab === collab) activeCollab.setState({ doc: null, collab: null });
  };
}

const NO_PEERS: readonly Peer[] = [];
const idle = createStore<CollabState>(() => ({ status: null, peers: NO_PEERS, chat: [], error: null }));

/**
 * The collaborators present in `doc` (none while it is not shared or nobody else is in) and a
 * function publishing this user's pointer (a no-op without a collaboration model).
 */
export function usePresence(doc: Y.Doc): { peers: readonly Peer[]; setCursor: (c: PresenceCursor | null) => void } {
  const collab = useStore(activeCollab, (s) => (s.doc === doc ? s.collab : null));
  const shared = useStore(collab?.store ?? idle, (s) => s.status !== null && s.status.state !== 'local');
  const peers = useStore(collab?.store ?? idle, (s) => s.peers);
  return { peers: shared ? peers : NO_PEERS, setCursor: collab ? collab.setCursor : noop };
}

const noop = () => {};
