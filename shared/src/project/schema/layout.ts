import * as Y from 'yjs';

/**
 * The root types of a project Y.Doc. Root types are created by name and never conflict, which
 * is why every collection lives at the root or inside a record created in the same transaction
 * as its parent: two peers never race to create the same nested container.
 */
export const ROOTS = ['meta', 'tempo', 'meters', 'markers', 'assets', 'tracks', 'clips', 'takes'] as const;
export type RootName = (typeof ROOTS)[number];

/** Keys inside a track's Y.Map that hold nested collections rather than fields. */
export const TRACK_COLLECTIONS = ['devices', 'sends', 'automationLanes', 'automationPoints'] as const;

/** The fixed id of the master track and of the tempo/meter in force from tick 0. */
export const MASTER_ID = 'master';
export const ORIGIN_ID = 'origin';

/** A project record stored as a Y.Map of fields. */
export type RecordMap = Y.Map<unknown>;

/**
 * The named root map of a project document.
 *
 * @example
 * root(doc, 'tracks').get(trackId);
 */
export function root(doc: Y.Doc, name: RootName): Y.Map<unknown> {
  return doc.getMap(name);
}

/** Every root map, e.g. as an UndoManager scope. */
export function allRoots(doc: Y.Doc): Y.Map<unknown>[] {
  return ROOTS.map((name) => doc.getMap(name));
}

/** A nested Y.Map field of a record, or undefined when absent or foreign. */
export function childMap(record: RecordMap, key: string): Y.Map<unknown> | undefined {
  const value = record.get(key);
  return value instanceof Y.Map ? value : undefined;
}

/** Builds a record Y.Map from plain fields (values must be JSON or Yjs types). */
export function recordMap(fields: Record<string, unknown>): RecordMap {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) map.set(key, value);
  return map;
}

/** The plain fields of a record (nested Y types excluded), ready for a zod schema. */
export function fieldsOf(record: unknown): unknown {
  if (!(record instanceof Y.Map)) return record;
  const out: Record<string, unknown> = {};
  for (const [key, value] of record.entries()) if (!(value instanceof Y.AbstractType)) out[key] = value;
  return out;
}

/** Keys of a map in a stable order: Y.Map iteration order may differ between peers. */
export function sortedKeys(map: Y.Map<unknown>): string[] {
  return [...map.keys()].sort();
}
