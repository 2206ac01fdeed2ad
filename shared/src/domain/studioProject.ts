import { z } from 'zod';
import { decibels, type Decibels } from '../units';
import { MusicalKey } from './track';
import { Id, IsoDateTime, isUnique } from './primitives';

/**
 * The summary record of a studio project: what a project list, the server's catalog and the
 * sharing dialog need. The project itself (tracks, clips, notes, automation, history) is a Yjs
 * document defined with the studio; this record is derived from it and never edited apart from it.
 * The seed's `versionHistory` and `cloudStorageUrl` are absent for that reason: history lives in
 * the document and assets are content-addressed blobs.
 */

/** Beats per minute. 20-999 covers everything from drones to speedcore; below 20 the grid is meaningless. */
export const Tempo = z.number().min(20).max(999);

/**
 * "beats/note value", e.g. `4/4`, `7/8`, `12/16`. The denominator is a power of two up to 32
 * because that is what standard notation and MIDI's time-signature event can express.
 */
export const TimeSignature = z.string().refine((s) => {
  const m = /^(\d{1,2})\/(\d{1,2})$/.exec(s);
  if (!m) return false;
  const beats = Number(m[1]);
  const unit = Number(m[2]);
  return beats >= 1 && beats <= 32 && [1, 2, 4, 8, 16, 32].includes(unit);
}, 'a time signature such as 4/4 or 7/8');

export const StudioTrackType = z.enum(['audio', 'midi', 'instrument']);
export type StudioTrackType = z.infer<typeof StudioTrackType>;

/** A track of the project as the summary shows it: mixer state only, no content. */
export const StudioTrackSummary = z.object({
  id: Id,
  name: z.string().trim().min(1).max(100),
  type: StudioTrackType,
  /** Fader gain in dB; -144 stands for silence (JSON has no -Infinity). */
  volumeDb: z.number().min(-144).max(12).transform((n): Decibels => decibels(n)),
  /** -1 hard left, 0 centre, 1 hard right. */
  pan: z.number().min(-1).max(1),
  mute: z.boolean(),
  solo: z.boolean(),
});
export type StudioTrackSummary = z.infer<typeof StudioTrackSummary>;

export const StudioProject = z
  .object({
    id: Id,
    title: z.string().trim().min(1).max(200),
    ownerId: Id,
    collaboratorIds: z.array(Id).max(50).refine(isUnique, 'a collaborator appears once'),
    tempo: Tempo,
    timeSignature: TimeSignature,
    /** Null when the artist has not declared one (atonal material, sketches). */
    key: MusicalKey.nullable(),
    tracks: z.array(StudioTrackSummary).max(256),
    /** Increases with every saved snapshot, so a stale summary is recognisable. */
    version: z.int().positive(),
    lastSavedAt: IsoDateTime,
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .refine((p) => !p.collaboratorIds.includes(p.ownerId), { message: 'the owner is not also a collaborator', path: ['collaboratorIds'] });
export type StudioProject = z.infer<typeof StudioProject>;
