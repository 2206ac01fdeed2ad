import type { ArtworkStore } from './artworkStore';
import { storeCoverFile } from './coverFile';
import type { ReadJob, ReadOutcome } from './readProtocol';
import { readTrack } from './readTrack';

/**
 * Reads one file and stores its picture (embedded, else the folder's cover), returning the
 * record with the artwork's hash. Runs in a read worker, or on the host thread when the
 * library is configured without workers. `covers` caches folder covers across calls.
 *
 * @example
 * const out = await readAndStore({ path: '/music/a.flac', cover: '/music/cover.jpg' }, artwork, new Map());
 */
export async function readAndStore(job: Omit<ReadJob, 'type' | 'id'>, artwork: ArtworkStore, covers: Map<string, string | null>): Promise<ReadOutcome> {
  const r = await readTrack(job.path, { stat: job.stat, dirNames: job.dirNames ? new Set(job.dirNames) : undefined });
  if (!r.ok) return r;
  const { picture, ...track } = r.track;
  // Pictures go to disk before the host writes the rows that name them: a crash leaves at most an unused file.
  let artworkHash = picture ? artwork.put(picture.bytes, picture.mime) : null;
  if (!artworkHash && job.cover) {
    if (!covers.has(job.cover)) {
      if (covers.size > 10_000) covers.clear();
      covers.set(job.cover, storeCoverFile(artwork, job.cover));
    }
    artworkHash = covers.get(job.cover) ?? null;
  }
  return { ok: true, track, artworkHash };
}
