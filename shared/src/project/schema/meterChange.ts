import { z } from 'zod';
import { Tick } from './common';

/**
 * A time-signature (meter) change: the `meters` root map holds them keyed by id, with the one at
 * tick 0 under the fixed id `origin`. The denominator is a power of two up to 32, which is what
 * notation and the SMF time-signature event can express.
 */
export const MeterChange = z.object({
  tick: Tick,
  numerator: z.int().min(1).max(32),
  denominator: z.union([z.literal(1), z.literal(2), z.literal(4), z.literal(8), z.literal(16), z.literal(32)]),
});
export type MeterChange = z.infer<typeof MeterChange>;
