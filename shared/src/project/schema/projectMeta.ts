import { z } from 'zod';
import type * as Y from 'yjs';
import { Tick } from './common';

/**
 * The `meta` root map: the schema version, the title and the loop region. Document scope:
 * everyone sees the same loop, as they hear the same song.
 */

/** The loop region in ticks; playback wraps from `end` to `start` when enabled. */
export const LoopRegion = z
  .object({ start: Tick, end: Tick, enabled: z.boolean() })
  .refine((l) => l.end > l.start, { message: 'the loop ends after it starts', path: ['end'] });
export type LoopRegion = z.infer<typeof LoopRegion>;

export const ProjectMeta = z.object({
  schemaVersion: z.int().positive(),
  title: z.string().trim().min(1).max(200),
  loop: LoopRegion,
});
export type ProjectMeta = z.infer<typeof ProjectMeta>;

/** The loop of a new project: the first four bars of 4/4, disabled. */
export const DEFAULT_LOOP = { start: 0, end: 4 * 4 * 960, enabled: false } as const;

/**
 * Migration `encore.project/2-tempo-and-meter-maps`: schema 1 kept one tempo and one meter as
 * `bpm`, `numerator` and `denominator` on meta; schema 2 moved them into the `tempo` and `meters`
 * maps (entry `origin`) so songs can change tempo and meter. Deterministic and idempotent.
 *
 * @example
 * moveTempoAndMeterToMaps(doc.getMap('meta'), doc.getMap('tempo'), doc.getMap('meters'));
 */
export function moveTempoAndMeterToMaps(meta: Y.Map<unknown>, tempo: Y.Map<unknown>, meters: Y.Map<unknown>): void {
  const bpm = meta.get('bpm');
  const numerator = meta.get('numerator');
  const denominator = meta.get('denominator');
  if (!tempo.has('origin')) tempo.set('origin', { tick: 0, bpm: typeof bpm === 'number' ? bpm : 120 });
  if (!meters.has('origin')) {
    const valid = typeof numerator === 'number' && typeof denominator === 'number';
    meters.set('origin', { tick: 0, numerator: valid ? numerator : 4, denominator: valid ? denominator : 4 });
  }
  for (const key of ['bpm', 'numerator', 'denominator']) meta.delete(key);
}
