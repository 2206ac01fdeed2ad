import { z } from 'zod';
import { RecordId } from './common';

/**
 * An automation lane: what a track's points drive. Lanes are plain values in the track's
 * `automationLanes` map keyed by `laneKey(target)`, so two users automating the same parameter
 * at once write the same key with the same value rather than two competing lanes.
 */
export const AutomationTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('volume') }),
  z.object({ kind: z.literal('pan') }),
  z.object({ kind: z.literal('send'), sendId: RecordId }),
  z.object({ kind: z.literal('param'), deviceId: RecordId, paramId: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,31}$/) }),
]);
export type AutomationTarget = z.infer<typeof AutomationTarget>;

export const AutomationLane = z.object({ target: AutomationTarget, enabled: z.boolean() });
export type AutomationLane = z.infer<typeof AutomationLane>;

/**
 * The key of a lane in its track, derived from the target.
 *
 * @example
 * laneKey({ kind: 'param', deviceId: 'd1', paramId: 'cutoff' }); // 'param/d1/cutoff'
 */
export function laneKey(target: AutomationTarget): string {
  switch (target.kind) {
    case 'volume':
    case 'pan':
      return target.kind;
    case 'send':
      return `send/${target.sendId}`;
    case 'param':
      return `param/${target.deviceId}/${target.paramId}`;
  }
}
