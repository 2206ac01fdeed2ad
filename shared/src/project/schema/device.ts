import { z } from 'zod';
import { OrderKey, RecordId } from './common';
import { DEVICE_KINDS } from './deviceKinds';

/**
 * An effect device on a track: a Y.Map in the track's `devices` map keyed by id, ordered by
 * `order` (fractional index). Its params are a nested `params` Y.Map (param id → number), so
 * two users turning two knobs of one device both land. The param table per kind is in
 * deviceKinds.ts; the reader checks every value against it.
 */
export const DeviceKindSchema = z.enum(DEVICE_KINDS);

export const Device = z.object({
  id: RecordId,
  kind: DeviceKindSchema,
  order: OrderKey,
  bypass: z.boolean(),
  /** The factory preset last applied, null once a param moves away from it or none was. */
  preset: z.string().max(100).nullable(),
  /** The track feeding the sidechain input (compressor, gate), null for the device's own input. */
  sidechainTrackId: RecordId.nullable(),
});
export type Device = z.infer<typeof Device>;
/** A device as the snapshot shows it: with every param resolved. */
export type DeviceWithParams = Device & { readonly params: Readonly<Record<string, number>> };
