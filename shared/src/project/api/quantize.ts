import { z } from 'zod';
import { PPQ } from '../../units';

/**
 * Quantize grids: a note value (1 = whole, 4 = quarter, 16 = sixteenth…), optionally triplet
 * (three in the time of two) or dotted (one and a half). All grids are whole ticks at PPQ 960.
 */
export const Grid = z
  .object({
    division: z.union([z.literal(1), z.literal(2), z.literal(4), z.literal(8), z.literal(16), z.literal(32), z.literal(64)]),
    triplet: z.boolean().default(false),
    dotted: z.boolean().default(false),
  })
  .refine((g) => !(g.triplet && g.dotted), 'a grid is triplet or dotted, not both');
export type Grid = z.infer<typeof Grid>;

/**
 * The grid step in ticks.
 *
 * @example
 * gridTicks({ division: 8, triplet: true, dotted: false }); // 320
 */
export function gridTicks(grid: Grid): number {
  const straight = (PPQ * 4) / grid.division;
  return grid.triplet ? (straight * 2) / 3 : grid.dotted ? (straight * 3) / 2 : straight;
}

/**
 * Moves `tick` toward the nearest grid line by `strength` (1 = onto it, 0 = not at all), rounding
 * to a whole tick. Grid lines are counted from tick 0, the start of the song.
 *
 * @example
 * quantizeTick(250, 240, 1);   // 240
 * quantizeTick(300, 240, 0.5); // 270
 */
export function quantizeTick(tick: number, step: number, strength: number): number {
  const nearest = Math.round(tick / step) * step;
  return Math.round(tick + (nearest - tick) * strength);
}
