import type * as Y from 'yjs';
import type { z } from 'zod';
import { EncoreError, type ErrorCode } from '../../errors';
import { keyAt } from '../fractionalIndex';
import type { IdGenerator } from '../ids';
import { Clip } from '../schema/clip';
import { childMap, fieldsOf, ORIGIN_ID, root, sortedKeys, type RecordMap } from '../schema/layout';
import { Track } from '../schema/track';
import { TempoChange } from '../schema/tempoChange';
import { TempoMap } from '../tempoMap';

/** What every operation runs against. Operations check everything first, then write: Yjs
 * cannot roll a transaction back, so a throw after a write would leave half an edit. */
export interface ApiContext {
  readonly doc: Y.Doc;
  readonly newId: IdGenerator;
}

/** Throws an EncoreError. */
export function fail(code: ErrorCode, message: string, details?: Record<string, unknown>): never {
  throw new EncoreError(code, message, details);
}

/** Parses a record the operation depends on; a corrupt one stops the operation. */
export function parseStored<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(fieldsOf(value));
  if (!result.success) fail('CONFLICT', `${what} is corrupt in the document and cannot be edited`, { issues: result.error.issues });
  return result.data;
}

export interface TrackRef {
  readonly map: RecordMap;
  readonly track: Track;
}

export function getTrack(ctx: ApiContext, trackId: string): TrackRef {
  const map = root(ctx.doc, 'tracks').get(trackId);
  if (map === undefined) fail('TRACK_NOT_FOUND', `There is no track ${trackId}`, { trackId });
  return { map: map as RecordMap, track: parseStored(Track, map, `Track ${trackId}`) };
}

export interface ClipRef {
  readonly map: RecordMap;
  readonly clip: Clip;
}

export function getClip(ctx: ApiContext, clipId: string): ClipRef {
  const map = root(ctx.doc, 'clips').get(clipId);
  if (map === undefined) fail('NOT_FOUND', `There is no clip ${clipId}`, { clipId });
  return { map: map as RecordMap, clip: parseStored(Clip, map, `Clip ${clipId}`) };
}

/** A nested collection every record of its kind is created with. */
export function nested(record: RecordMap, key: string, what: string): Y.Map<unknown> {
  const map = childMap(record, key);
  if (!map) fail('CONFLICT', `${what} has no ${key} in the document`);
  return map;
}

/** Throws NOT_FOUND unless every id is a key of `map`. */
export function requireKeys(map: Y.Map<unknown>, ids: readonly string[], what: string): void {
  const missing = ids.filter((id) => !map.has(id));
  if (missing.length > 0) fail('NOT_FOUND', `No ${what} ${missing.join(', ')}`, { missing });
}

/**
 * An order key placing a record at `index` among the ordered records of `map` (others than
 * `exclude`); past the end (or undefined) appends. Equal keys left by concurrent inserts are
 * stepped over, so a key can always be minted.
 */
export function orderKeyAt(map: Y.Map<unknown>, index: number | undefined, exclude?: string | readonly string[]): string {
  const excluded = new Set(typeof exclude === 'string' ? [exclude] : (exclude ?? []));
  const orders = sortedKeys(map)
    .filter((id) => !excluded.has(id))
    .map((id) => {
      const value = map.get(id);
      const order = value && typeof value === 'object' && 'get' in value ? (value as RecordMap).get('order') : (value as { order?: unknown } | undefined)?.order;
      return { id, order: typeof order === 'string' ? order : '' };
    })
    .filter((r) => r.order !== '')
    .sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : 1))
    .map((r) => r.order);
  return keyAt(orders, index);
}

/** The tempo map of the document as it stands (for clock-time math such as audio offsets). */
export function tempoMapOf(ctx: ApiContext): TempoMap {
  const map = root(ctx.doc, 'tempo');
  // Same precedence as the reader: `origin` last, so it wins tick 0.
  const keys = [...sortedKeys(map).filter((k) => k !== ORIGIN_ID), ...(map.has(ORIGIN_ID) ? [ORIGIN_ID] : [])];
  const points = keys.flatMap((id) => {
    const parsed = TempoChange.safeParse(map.get(id));
    return parsed.success ? [parsed.data] : [];
  });
  return new TempoMap(points.length > 0 ? points : [{ tick: 0, bpm: 120 }]);
}
