import { z } from 'zod';
import { Length, Name, RecordId, Sha256, Tick, VolumeDb } from './common';

/**
 * A clip: a Y.Map in the `clips` root map keyed by id, on the track named by `trackId`. It
 * occupies `[start, start + length)` on the timeline.
 *
 * - MIDI clips hold their notes in a nested `notes` Y.Map (see note.ts). Note ticks count from
 *   the clip's content origin; `offset` is how far into the content the clip starts, so trimming
 *   the start moves `start` and `offset` together and no note is rewritten.
 * - Audio clips play the asset `assetHash` from `sourceOffset` seconds, at `gainDb`, with fades
 *   in ticks, optionally reversed (then the clip plays its source span backwards).
 */
const ClipBase = {
  id: RecordId,
  trackId: RecordId,
  name: Name,
  start: Tick,
  length: Length,
  takeId: RecordId.nullable(),
};

export const MidiClip = z.object({ ...ClipBase, kind: z.literal('midi'), offset: Tick });
export type MidiClip = z.infer<typeof MidiClip>;

export const AudioClip = z
  .object({
    ...ClipBase,
    kind: z.literal('audio'),
    assetHash: Sha256,
    sourceOffset: z.number().min(0).max(24 * 3600),
    gainDb: VolumeDb,
    fadeIn: Tick,
    fadeOut: Tick,
    reversed: z.boolean(),
  })
  .refine((c) => c.fadeIn + c.fadeOut <= c.length, { message: 'fades fit inside the clip', path: ['fadeOut'] });
export type AudioClip = z.infer<typeof AudioClip>;

export const Clip = z.discriminatedUnion('kind', [MidiClip, AudioClip]);
export type Clip = z.infer<typeof Clip>;
