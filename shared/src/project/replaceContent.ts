import * as Y from 'yjs';
import { ROOTS } from './schema/layout';

/**
 * Makes `target` hold what `source` holds, as ordinary edits on top of `target` in one
 * transaction: keys that differ are set, keys `source` lacks are deleted, nested maps are
 * compared key by key, and equal values are left alone. Nobody's history is rewritten; other
 * replicas receive one update and edits to untouched records still merge. This is how a saved
 * version is restored.
 *
 * @example
 * const version = new Y.Doc();
 * Y.applyUpdate(version, store.version(projectId, versionId).state);
 * replaceContent(liveDoc, version, HOST_ORIGIN);
 */
export function replaceContent(target: Y.Doc, source: Y.Doc, origin: unknown): void {
  target.transact(() => {
    for (const name of ROOTS) syncMap(target.getMap(name), source.getMap(name));
  }, origin);
}

function syncMap(target: Y.Map<unknown>, source: Y.Map<unknown>): void {
  for (const key of [...target.keys()]) if (!source.has(key)) target.delete(key);
  for (const [key, value] of source.entries()) {
    const current = target.get(key);
    if (value instanceof Y.Map && current instanceof Y.Map) syncMap(current, value);
    else if (value instanceof Y.AbstractType) {
      const same = current instanceof Y.AbstractType && current.constructor === value.constructor && equal(current.toJSON(), value.toJSON());
      if (!same) target.set(key, value.clone());
    } else if (current instanceof Y.AbstractType || !equal(current, value)) {
      // A copy: the source doc keeps its own object, which Yjs must not share between docs.
      target.set(key, copy(value));
    }
  }
}

/** A deep copy of the JSON-like values Yjs stores (shared has no `structuredClone` in its types). */
function copy(v: unknown): unknown {
  if (v instanceof Uint8Array) return v.slice();
  if (Array.isArray(v)) return v.map(copy);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copy(x)]));
  return v;
}

/** Deep equality of the JSON-like values Yjs stores (objects, arrays, primitives, bytes). */
export function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Uint8Array && b instanceof Uint8Array) return a.byteLength === b.byteLength && a.every((v, i) => v === b[i]);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => equal(v, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && equal((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return false;
}
