import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import type { AudioQuality } from '@encore/shared/domain/user';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { renditions, tracks } from '../db/schema/catalog';
import type { Logger } from '../logger';
import type { Catalog } from '../services/catalog/catalog';
import { ffmpeg, measureLoudness, waveformPeaks } from '../services/catalog/ffmpeg';
import { PROCESS_TRACK_QUEUE, type ProcessTrackJob } from '../services/catalog/publish';
import { analyseTempoKey } from '../services/catalog/tempoKey';

/**
 * The renditions of every track. Opus in Ogg rather than AAC: better quality per bit at 96 and
 * 160 kbps, royalty-free, played natively by Chromium/Electron, and Debian's ffmpeg has the
 * reference encoder (libopus) while its AAC encoder is the weaker native one. FLAC is the
 * lossless copy.
 */
export const RENDITIONS: { quality: AudioQuality; codec: 'opus' | 'flac'; kbps: number | null }[] = [
  { quality: 'low', codec: 'opus', kbps: 96 },
  { quality: 'normal', codec: 'opus', kbps: 160 },
  { quality: 'high', codec: 'opus', kbps: 320 },
  { quality: 'lossless', codec: 'flac', kbps: null },
];

interface Deps {
  db: Database;
  catalog: Catalog;
  clock: Clock;
  log: Logger;
}

/**
 * Registers the processing worker: renditions, waveform peaks, tempo and key, loudness, then `ready`.
 * Each attempt is counted in the track row; when the last allowed attempt fails the track is
 * dead-lettered (`failed`, with the reason) instead of being retried again.
 *
 * @example
 * await startCatalogWorkers({ db, catalog, clock, log });
 */
export async function startCatalogWorkers(d: Deps): Promise<void> {
  await d.catalog.jobs.work<ProcessTrackJob>(PROCESS_TRACK_QUEUE, (job) => processTrack(d, job.trackId));
  // pg-boss keeps its jobs across restarts; the in-process queue does not, so unfinished work is re-sent.
  if (d.catalog.jobs.kind !== 'in-process') return;
  const pending = await d.db.select({ id: tracks.id }).from(tracks).where(eq(tracks.status, 'processing'));
  for (const t of pending) await d.catalog.jobs.send<ProcessTrackJob>(PROCESS_TRACK_QUEUE, { trackId: t.id });
}

export async function processTrack(d: Deps, trackId: string): Promise<void> {
  const { db, catalog } = d;
  const maxAttempts = catalog.options.processing.retryLimit + 1;
  const [row] = await db
    .update(tracks)
    .set({ processingAttempts: sql`${tracks.processingAttempts} + 1`, processingStage: 'renditions', processingProgress: 0, updatedAt: d.clock.now() })
    .where(and(eq(tracks.id, trackId), eq(tracks.status, 'processing')))
    .returning();
  // Unpublished or already finished meanwhile: nothing to do.
  if (!row) return;
  const progress = (stage: string, pct: number) => db.update(tracks).set({ processingStage: stage, processingProgress: pct, updatedAt: d.clock.now() }).where(eq(tracks.id, trackId));
  try {
    const source = catalog.blobs.pathOf(row.sourceSha256);
    if (!(await catalog.blobs.has(row.sourceSha256))) throw new Error('the master is missing from the blob store');
    await fs.promises.mkdir(catalog.workDir, { recursive: true });
    for (const [i, r] of RENDITIONS.entries()) {
      const out = path.join(catalog.workDir, `${randomUUID()}.${r.codec === 'opus' ? 'ogg' : 'flac'}`);
      try {
        // Opus renditions are stereo: libopus refuses 320 kbps on one channel (a mono master), and a 5.1 one streams as stereo anyway.
        const codecArgs = r.codec === 'opus' ? ['-ac', '2', '-c:a', 'libopus', '-b:a', `${r.kbps}k`, '-vbr', 'on', '-f', 'ogg'] : ['-c:a', 'flac', '-compression_level', '5', '-f', 'flac'];
        await ffmpeg(['-v', 'error', '-i', source, '-map', '0:a:0', '-vn', '-map_metadata', '-1', ...codecArgs, out]);
        const blob = await catalog.blobs.putFile(out);
        await db
          .insert(renditions)
          .values({ trackId, quality: r.quality, codec: r.codec, bitrateKbps: r.kbps, blobKey: blob.key, sizeBytes: blob.sizeBytes })
          .onConflictDoUpdate({ target: [renditions.trackId, renditions.quality], set: { codec: r.codec, bitrateKbps: r.kbps, blobKey: blob.key, sizeBytes: blob.sizeBytes } });
      } finally {
        await fs.promises.rm(out, { force: true });
      }
      await progress('renditions', Math.round(((i + 1) / RENDITIONS.length) * 70));
    }
    await progress('waveform', 72);
    const waveform = await waveformPeaks(source, row.durationMs);
    await db.update(tracks).set({ waveform, processingStage: 'analysis', processingProgress: 76 }).where(eq(tracks.id, trackId));
    const { bpm, key } = await analyseTempoKey(source);
    await db.update(tracks).set({ bpm, musicalKey: key, processingStage: 'loudness', processingProgress: 85 }).where(eq(tracks.id, trackId));
    const loudness = await measureLoudness(source);
    const now = d.clock.now();
    await db
      .update(tracks)
      .set({ loudnessLufs: loudness.integratedLufs, truePeakDbtp: loudness.truePeakDbtp, status: 'ready', processingStage: 'done', processingProgress: 100, processingError: null, releasedAt: now, updatedAt: now })
      .where(and(eq(tracks.id, trackId), eq(tracks.status, 'processing')));
    d.log.info({ trackId, attempts: row.processingAttempts }, 'track processed');
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    const dead = row.processingAttempts >= maxAttempts;
    await db
      .update(tracks)
      .set(dead ? { status: 'failed', processingStage: 'failed', processingError: reason, updatedAt: d.clock.now() } : { processingError: reason, updatedAt: d.clock.now() })
      .where(eq(tracks.id, trackId));
    if (dead) {
      d.log.error({ err, trackId, attempts: row.processingAttempts }, 'track processing dead-lettered');
      return;
    }
    throw err;
  }
}
