import * as Y from 'yjs';
import { EncoreError } from '../../errors';
import { ROOTS, root, type RootName } from '../schema/layout';

/** What one transaction changed, by record id: what the engine reconciles incrementally. */
export interface ProjectChanges {
  /** Tracks added, removed, or changed anywhere inside (fields, devices, sends, automation). */
  readonly tracks: ReadonlySet<string>;
  /** Clips added, removed, moved or edited (notes included). */
  readonly clips: ReadonlySet<string>;
  /** Root collections touched otherwise: meta, tempo, meters, markers, assets, takes. */
  readonly roots: ReadonlySet<RootName>;
  /** The transaction's origin (a user's origin, the UndoManager, a provider…). */
  readonly origin: unknown;
}

function changedIds(events: Y.YEvent<Y.AbstractType<unknown>>[], top: Y.Map<unknown>, into: Set<string>): void {
  for (const event of events) {
    if (event.target === top) for (const key of event.changes.keys.keys()) into.add(key);
    else if (typeof event.path[0] === 'string') into.add(event.path[0]);
  }
}

/**
 * Calls `listener` once per transaction that changed the project, with the ids it touched.
 *
 * @example
 * const stop = observeProject(doc, ({ tracks, clips }) => engine.reconcile(readProject(doc), tracks, clips));
 */
export function observeProject(doc: Y.Doc, listener: (changes: ProjectChanges) => void): () => void {
  let tracks = new Set<string>();
  let clips = new Set<string>();
  let roots = new Set<RootName>();
  const handlers = ROOTS.map((name) => {
    const map = root(doc, name);
    const handler = (events: Y.YEvent<Y.AbstractType<unknown>>[]): void => {
      if (name === 'tracks') changedIds(events, map, tracks);
      else if (name === 'clips') changedIds(events, map, clips);
      else roots.add(name);
    };
    map.observeDeep(handler);
    return () => map.unobserveDeep(handler);
  });
  const flush = (transaction: Y.Transaction): void => {
    if (tracks.size === 0 && clips.size === 0 && roots.size === 0) return;
    const changes = { tracks, clips, roots, origin: transaction.origin };
    tracks = new Set();
    clips = new Set();
    roots = new Set();
    listener(changes);
  };
  doc.on('afterTransaction', flush);
  return () => {
    for (const off of handlers) off();
    doc.off('afterTransaction', flush);
  };
}

function observeRecord(doc: Y.Doc, name: 'tracks' | 'clips', id: string, listener: (change: 'changed' | 'deleted') => void): () => void {
  const collection = root(doc, name);
  const record = collection.get(id);
  if (!(record instanceof Y.Map)) throw new EncoreError(name === 'tracks' ? 'TRACK_NOT_FOUND' : 'NOT_FOUND', `There is no ${name.slice(0, -1)} ${id}`);
  const onRecord = (): void => listener('changed');
  const onCollection = (event: Y.YMapEvent<unknown>): void => {
    if (event.keysChanged.has(id)) listener(collection.get(id) === record ? 'changed' : 'deleted');
  };
  record.observeDeep(onRecord);
  collection.observe(onCollection);
  return () => {
    record.unobserveDeep(onRecord);
    collection.unobserve(onCollection);
  };
}

/**
 * Calls `listener` when anything inside one track changes, or with 'deleted' when it goes.
 *
 * @example
 * const stop = observeTrack(doc, trackId, (change) => change === 'deleted' ? node.dispose() : node.update());
 */
export function observeTrack(doc: Y.Doc, trackId: string, listener: (change: 'changed' | 'deleted') => void): () => void {
  return observeRecord(doc, 'tracks', trackId, listener);
}

/**
 * Calls `listener` when one clip (or one of its notes) changes, or with 'deleted' when it goes.
 *
 * @example
 * const stop = observeClip(doc, clipId, () => scheduler.reschedule(clipId));
 */
export function observeClip(doc: Y.Doc, clipId: string, listener: (change: 'changed' | 'deleted') => void): () => void {
  return observeRecord(doc, 'clips', clipId, listener);
}
