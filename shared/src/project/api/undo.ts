import * as Y from 'yjs';
import { allRoots } from '../schema/layout';

export interface UndoState {
  readonly canUndo: boolean;
  readonly canRedo: boolean;
}

/** One user's undo history over a project document. */
export interface ProjectUndoManager extends UndoState {
  /** Reverts this user's last action; false when there was none. */
  undo(): boolean;
  redo(): boolean;
  /** Calls `listener` whenever the stacks change; returns the unsubscribe function. */
  subscribe(listener: (state: UndoState) => void): () => void;
  clear(): void;
  dispose(): void;
}

/**
 * An unlimited undo/redo history of the edits made under `origin` (the origin a user's
 * ProjectApi writes with). Collaborators' edits, migrations and remote updates are never
 * tracked, so undo never reverts someone else's work; each ProjectApi call is its own step.
 *
 * @example
 * const api = new ProjectApi(doc, { origin: alice });
 * const history = createUndoManager(doc, alice);
 * api.renameTrack({ trackId, name: 'Keys' });
 * history.undo(); // the old name is back; Bob's edits stay
 */
export function createUndoManager(doc: Y.Doc, origin: unknown): ProjectUndoManager {
  const manager = new Y.UndoManager(allRoots(doc), { trackedOrigins: new Set([origin]), captureTimeout: 0 });
  const listeners = new Set<(state: UndoState) => void>();
  const state = (): UndoState => ({ canUndo: manager.canUndo(), canRedo: manager.canRedo() });
  const notify = (): void => {
    const current = state();
    for (const listener of listeners) listener(current);
  };
  manager.on('stack-item-added', notify);
  manager.on('stack-item-popped', notify);
  manager.on('stack-cleared', notify);
  return {
    get canUndo() {
      return manager.canUndo();
    },
    get canRedo() {
      return manager.canRedo();
    },
    undo: () => manager.undo() !== null,
    redo: () => manager.redo() !== null,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    clear: () => manager.clear(),
    dispose() {
      listeners.clear();
      manager.clear();
      manager.destroy();
    },
  };
}
