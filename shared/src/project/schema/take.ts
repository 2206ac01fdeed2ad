import { z } from 'zod';
import { Name, OrderKey, RecordId } from './common';

/**
 * One recording pass on a track. Clips recorded in the pass carry its id; the track's
 * `activeTakeId` chooses which take plays (clips of other takes stay, silent, for comping).
 * Stored as plain values in the `takes` root map keyed by id.
 */
export const Take = z.object({ id: RecordId, trackId: RecordId, name: Name, order: OrderKey });
export type Take = z.infer<typeof Take>;
