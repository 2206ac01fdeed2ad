import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { renditions, tracks } from '../db/schema/catalog';
import type { Logger } from '../logger';
import type { Catalog } from '../services/catalog/catalog';
import { ANALYSIS_RATE } from '@encore/shared/audioAnalysis/tempoKey';
import { WaveformMeter } from '../services/catalog/ffmpeg';
import { PROCESS_TRACK_QUEUE, type ProcessTrackJob } from '../services/catalog/publish';
import { TempoKeyWorker } from '../services/catalog/tempoKey';
import { transcode, type Loudness } from '../services/catalog/transcode';
import { codecArgs, planLanes, type RenditionSpec } from './encodePlan';

/**
 * The renditions of every track. Opus in Ogg rather than AAC: better quality per bit at 96 and
 * 160 kbps, royalty-free, played natively by Chromium/Electron, and Debian's ffmpeg has the
 * reference encoder (libopus) while its AAC encoder is the weaker native one. FLAC is the
 * lossless copy.
 */
export const RENDITIONS: RenditionSpec[] = [
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
    const t0 = performance.now();
    const waveform = new WaveformMeter(ANALYSIS_RATE, row.durationMs);
    // Tempo/key (seconds of JS) runs in a worker thread; the waveform fold is cheap and stays here.
    const tempoKey = new TempoKeyWorker();
    let mainThreadMs = 0;
    const onSamples = (x: Float32Array) => {
      const a = performance.now();
      waveform.push(x);
      tempoKey.push(x); // transfers x to the worker: keep it last
      mainThreadMs += performance.now() - a;
    };
    const files = new Map<RenditionSpec, string>(RENDITIONS.map((r) => [r, path.join(catalog.workDir, `${randomUUID()}.${r.codec === 'opus' ? 'ogg' : 'flac'}`)]));
    const encodeMs: Record<string, number> = {};
    let loudness: Loudness | undefined;
    try {
      // Each lane is one ffmpeg process decoding the master once for all its outputs; the lanes run side by side, one per core.
      await Promise.all(
        planLanes(RENDITIONS, os.availableParallelism()).map(async (lane) => {
          const start = performance.now();
          const res = await transcode(source, {
            outputs: lane.renditions.map((r) => ({ file: files.get(r)!, args: codecArgs(r) })),
            ...(lane.analysis ? { pcm: { rate: ANALYSIS_RATE, onSamples }, loudness: true } : {}),
          });
          if (res.loudness) loudness = res.loudness;
          encodeMs[[...lane.renditions.map((r) => r.quality), ...(lane.analysis ? ['analysis'] : [])].join('+')] = Math.round(performance.now() - start);
        }),
      );
      const t1 = performance.now();
      await progress('analysis', 80);
      const finish = performance.now();
      const { bpm, key } = await tempoKey.finish();
      const tempoKeyWaitMs = performance.now() - finish;
      if (!loudness) throw new Error('the loudness of the master was not measured');
      const tb = performance.now();
      const blobs = await Promise.all(RENDITIONS.map(async (r) => ({ r, blob: await catalog.blobs.putFile(files.get(r)!) })));
      const t2 = performance.now();
      const now = d.clock.now();
      await db.transaction(async (tx) => {
        await tx
          .insert(renditions)
          .values(blobs.map(({ r, blob }) => ({ trackId, quality: r.quality, codec: r.codec, bitrateKbps: r.kbps, blobKey: blob.key, sizeBytes: blob.sizeBytes })))
          .onConflictDoUpdate({ target: [renditions.trackId, renditions.quality], set: { codec: sql`excluded.codec`, bitrateKbps: sql`excluded.bitrate_kbps`, blobKey: sql`excluded.blob_key`, sizeBytes: sql`excluded.size_bytes` } });
        await tx
          .update(tracks)
          .set({ waveform: waveform.peaks(), bpm, musicalKey: key, loudnessLufs: loudness!.integratedLufs, truePeakDbtp: loudness!.truePeakDbtp, status: 'ready', processingStage: 'done', processingProgress: 100, processingError: null, releasedAt: now, updatedAt: now })
          .where(and(eq(tracks.id, trackId), eq(tracks.status, 'processing')));
      });
      const timings = { encodeMs, analysisMainThreadMs: Math.round(mainThreadMs), tempoKeyWaitMs: Math.round(tempoKeyWaitMs), encodeWallMs: Math.round(t1 - t0), blobStoreMs: Math.round(t2 - tb), dbMs: Math.round(performance.now() - t2), totalMs: Math.round(performance.now() - t0) };
      d.log.info({ trackId, attempts: row.processingAttempts, timings }, 'track processed');
    } finally {
      await Promise.all([tempoKey.dispose(), ...[...files.values()].map((f) => fs.promises.rm(f, { force: true }))]);
    }
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
