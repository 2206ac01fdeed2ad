import { z } from 'zod';
import type * as Y from 'yjs';
import { Color, Name, OrderKey, Pan, RecordId, VolumeDb } from './common';
import { Instrument } from './instrument';
import { sortedKeys } from './layout';

/**
 * A track: a Y.Map in the `tracks` root map keyed by id. Fields merge one by one (one user
 * renames while another moves the fader); `devices`, `sends`, `automationLanes` and
 * `automationPoints` are nested Y.Maps created with the track. Clips live in the `clips` root
 * map and point back with `trackId`, so a clip can move between tracks by one field write.
 * The master track has the fixed id `master`; `output` null means master (or, for the master,
 * the hardware).
 */
export const TrackKind = z.enum(['audio', 'instrument', 'bus', 'master']);
export type TrackKind = z.infer<typeof TrackKind>;

export const Track = z
  .object({
    id: RecordId,
    kind: TrackKind,
    name: Name,
    order: OrderKey,
    color: Color,
    volumeDb: VolumeDb,
    pan: Pan,
    mute: z.boolean(),
    solo: z.boolean(),
    arm: z.boolean(),
    phaseInvert: z.boolean(),
    output: RecordId.nullable(),
    instrument: Instrument.nullable(),
    activeTakeId: RecordId.nullable(),
  })
  .refine((t) => (t.kind === 'instrument') === (t.instrument !== null), {
    message: 'instrument tracks, and only they, have an instrument',
    path: ['instrument'],
  });
export type Track = z.infer<typeof Track>;

/**
 * Migration `encore.track/3-phase-invert`: schema 3 added phase invert; older tracks are
 * upright. Deterministic and idempotent, as every migration must be: peers may run it at once.
 *
 * @example
 * addPhaseInvert(doc.getMap('tracks'));
 */
export function addPhaseInvert(tracks: Y.Map<unknown>): void {
  for (const id of sortedKeys(tracks)) {
    const track = tracks.get(id) as Y.Map<unknown> | undefined;
    if (track && typeof track.get === 'function' && track.get('phaseInvert') === undefined) track.set('phaseInvert', false);
  }
}
