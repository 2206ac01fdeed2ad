import { z } from 'zod';
import { Color, Name, RecordId, Tick } from './common';

/** A named position on the timeline (verse, chorus…), in the `markers` root map keyed by id. */
export const Marker = z.object({ id: RecordId, tick: Tick, name: Name, color: Color });
export type Marker = z.infer<typeof Marker>;
