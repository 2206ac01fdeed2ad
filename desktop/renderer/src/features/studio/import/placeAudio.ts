import { EncoreError } from '@encore/shared/errors';
import { Asset } from '@encore/shared/project/schema/asset';
import { seconds, ticks } from '@encore/shared/units';
import { findTrack, type ProjectSession } from '../model/projectSession';

export interface AudioPlacement {
  readonly asset: Asset;
  /** An audio track, or null for a new one named `trackName`. */
  readonly trackId: string | null;
  readonly trackName?: string;
  /** Timeline tick of the clip's start. */
  readonly start: number;
  /** Seconds of the source the clip skips at its start, and plays (all of the rest by default). */
  readonly sourceOffset?: number;
  readonly seconds?: number;
  /** Starts a take on the track for the clip (a recording pass). */
  readonly take?: boolean;
  readonly clipName?: string;
}

export interface PlacedAudio {
  readonly trackId: string;
  readonly clipId: string;
  readonly takeId: string | null;
}

/**
 * Writes an asset and its clip (and the new track or take they need) as one transaction under
 * the user's origin: one undo step, and either all of it is in the document or none of it. The
 * target is checked before anything is written, because Yjs cannot roll a transaction back.
 *
 * @example
 * placeAudio(session, { asset, trackId: null, trackName: 'Vocals', start: 0 });
 */
export function placeAudio(session: ProjectSession, p: AudioPlacement): PlacedAudio {
  const { snapshot, tempoMap } = session.store.getState();
  if (!Asset.safeParse(p.asset).success) throw new EncoreError('VALIDATION_FAILED', 'placeAudio: the asset record is invalid', { asset: { ...p.asset, name: p.asset.name.slice(0, 80) } });
  if (p.trackId !== null && findTrack(snapshot, p.trackId)?.kind !== 'audio') throw new EncoreError('BAD_REQUEST', 'Audio goes on an audio track');
  const start = Math.max(0, Math.round(p.start));
  const from = tempoMap.ticksToSeconds(ticks(start)) as number;
  const length = Math.max(1, Math.round((tempoMap.secondsToTicks(seconds(from + (p.seconds ?? p.asset.durationSeconds - (p.sourceOffset ?? 0)))) as number) - start));
  let placed: PlacedAudio | null = null;
  const { api } = session;
  session.doc.transact(() => {
    const trackId = p.trackId ?? api.createTrack({ kind: 'audio', name: (p.trackName ?? p.asset.name).slice(0, 100) || 'Audio' });
    const takeId = p.take ? api.addTake({ trackId }) : null;
    api.addAsset(p.asset);
    const clipId = api.addAudioClip({
      trackId,
      start,
      length,
      assetHash: p.asset.hash,
      sourceOffset: p.sourceOffset ?? 0,
      takeId,
      ...(p.clipName ? { name: p.clipName.slice(0, 100) } : {}),
    });
    placed = { trackId, clipId, takeId };
  }, api.origin);
  return placed as unknown as PlacedAudio;
}
