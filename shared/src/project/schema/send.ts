import { z } from 'zod';
import { RecordId, VolumeDb } from './common';

/**
 * A send from a track to a bus (return) track, stored as a Y.Map in the source track's `sends`
 * map keyed by id. Pre-fader sends tap the signal before the track's volume and pan.
 */
export const Send = z.object({ id: RecordId, targetTrackId: RecordId, levelDb: VolumeDb, pre: z.boolean() });
export type Send = z.infer<typeof Send>;
