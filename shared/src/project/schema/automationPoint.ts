import { z } from 'zod';
import { Tick } from './common';

/**
 * A breakpoint of an automation lane: a plain value in the track's `automationPoints` map keyed
 * by id, naming its lane by key. `curve` shapes the segment from this point to the next:
 * linear, exponential (for gain and frequency), hold (a step) or bezier with `tension` in
 * [-1, 1] (0 is a straight line). `value` is in the target's unit (dB, pan, the param's unit).
 */
export const AutomationCurve = z.enum(['linear', 'exponential', 'hold', 'bezier']);
export type AutomationCurve = z.infer<typeof AutomationCurve>;

export const AutomationPoint = z.object({
  lane: z.string().min(1).max(128),
  tick: Tick,
  value: z.number(),
  curve: AutomationCurve,
  tension: z.number().min(-1).max(1),
});
export type AutomationPoint = z.infer<typeof AutomationPoint>;
