import { z } from 'zod';
import { Tick } from './common';

/**
 * A tempo change: the `tempo` root map holds them keyed by id, with the one at tick 0 under the
 * fixed id `origin`. Steps only (no ramps): that is what SMF can carry losslessly.
 */

/** Beats per minute; below 20 the grid is meaningless, above 999 nobody can play it. */
export const Bpm = z.number().min(20).max(999);

export const TempoChange = z.object({ tick: Tick, bpm: Bpm });
export type TempoChange = z.infer<typeof TempoChange>;

/** The tempo of a new project. */
export const DEFAULT_BPM = 120;
