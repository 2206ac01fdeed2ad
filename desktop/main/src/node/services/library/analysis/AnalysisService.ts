import fs from 'node:fs';
import type { AnalysisStatus, TrackAnalysis, WaveformPeaks } from '@encore/shared/host/analysis';
import { downsamplePeaks } from '@encore/audio-engine/dsp/analysis/waveformPeaks';
import type { Disposable } from '../../../../common/disposable';
import type { HostEventBus } from '../../../../common/hostEventBus';
import type { Logger } from '../../../logger';
import type { LibraryService } from '../LibraryService';
import { AnalysisStore, type PendingTrack } from './analysisStore';
import { BUILTIN_FORMATS, ffmpegAvailable, type DecoderKind } from './decode';
import { AnalysisJobError, WorkerPool } from './WorkerPool';

export interface AnalysisServiceOptions {
  library: LibraryService;
  log: Logger;
  events?: HostEventBus;
  /** Worker threads (default: cores - 1, at least 1). */
  workers?: number;
  /** 'auto' uses ffmpeg when it is installed, else the built-in decoder. */
  decoder?: DecoderKind | 'auto';
  /** Waveform buckets stored per track. */
  peakBuckets?: number;
  /** Wait while a library import runs (default true): the import's own reads come first. */
  pauseDuringImport?: boolean;
  /** Start working in the background right away (the host does; tests call start()). */
  autoStart?: boolean;
  now?: () => number;
}

/** An import reports progress many times a second; this long without a report means it died. */
const IMPORT_QUIET_MS = 30_000;

const FFMPEG_MISSING = 'Install ffmpeg to analyse every format: without it, only MP3, FLAC, Ogg Vorbis and WAV files are analysed (loudness, waveform, tempo, key).';

/**
 * Background analysis of the library: duration, loudness (EBU R128), true peak, waveform
 * overview, tempo and key for every track without a stored result, newest first, in a pool of
 * worker threads. Results are stored by content hash, so moved or copied files are never
 * analysed twice, and a file that cannot be decoded is recorded once with its error.
 *
 * @example
 * const analysis = new AnalysisService({ library, events, log });
 * analysis.start();
 * await analysis.idle();
 * analysis.track(hash)?.integratedLufs; // -14.2
 */
export class AnalysisService implements Disposable {
  readonly store: AnalysisStore;
  private pool: WorkerPool | null = null;
  private decoder: DecoderKind | null = null;
  private readonly inFlight = new Set<string>();
  /** Hashes whose file was gone when its turn came (the watcher will bring the new path). */
  private readonly setAside = new Set<string>();
  private counts = { total: 0, analysed: 0, failed: 0 };
  private importing = false;
  private started: Promise<void> | null = null;
  private disposed = false;
  private readonly idleWaiters = new Set<() => void>();
  private readonly unsubscribe: (() => void)[] = [];
  private lastEmit = 0;
  private emitTimer: NodeJS.Timeout | null = null;
  private importTimer: NodeJS.Timeout | null = null;
  private readonly now: () => number;

  constructor(private readonly o: AnalysisServiceOptions) {
    this.store = new AnalysisStore(o.library.sql);
    this.now = o.now ?? Date.now;
    if (o.autoStart) void this.start().catch((err: unknown) => o.log.error({ err }, 'track analysis could not start'));
  }

  /** Starts the background work (idempotent); resolves once the decoder is chosen. */
  start(): Promise<void> {
    this.started ??= this.init();
    return this.started;
  }

  private async init(): Promise<void> {
    const wanted = this.o.decoder ?? 'auto';
    this.decoder = wanted === 'auto' ? ((await ffmpegAvailable()) ? 'ffmpeg' : 'builtin') : wanted;
    if (this.disposed) return;
    if (this.decoder === 'builtin') this.o.log.warn('ffmpeg not found: analysing MP3, FLAC, Ogg Vorbis and WAV only');
    this.pool = new WorkerPool({ size: this.o.workers });
    if (this.o.pauseDuringImport !== false) {
      this.unsubscribe.push(
        this.o.library.onProgress((p) => {
          const was = this.importing;
          this.importing = p.phase !== 'done';
          // A scan that dies without 'done' must not pause analysis for good: resume after a quiet spell.
          if (this.importTimer) clearTimeout(this.importTimer);
          this.importTimer = this.importing ? setTimeout(() => this.importEnded(), IMPORT_QUIET_MS) : null;
          this.importTimer?.unref();
          if (was !== this.importing) this.changed();
        }),
      );
    }
    if (this.o.events) this.unsubscribe.push(this.o.events.on('library.changed', () => this.changed()));
    this.changed();
  }

  private importEnded(): void {
    this.importTimer = null;
    this.importing = false;
    this.changed();
  }

  /** Re-reads the counts (the library changed) and fills the pool. */
  private changed(): void {
    if (this.disposed || !this.pool) return;
    this.counts = this.store.counts();
    this.pump();
    this.emitProgress(true);
  }

  private pump(): void {
    const pool = this.pool;
    if (!pool || this.disposed || this.importing) return this.checkIdle();
    const free = pool.size - this.inFlight.size;
    if (free > 0) {
      const formats = this.decoder === 'builtin' ? [...BUILTIN_FORMATS] : null;
      for (const t of this.store.pending(free, new Set([...this.inFlight, ...this.setAside]), formats)) this.analyse(pool, t);
    }
    this.checkIdle();
  }

  private analyse(pool: WorkerPool, t: PendingTrack): void {
    if (!fs.existsSync(t.path)) {
      this.setAside.add(t.hash);
      return;
    }
    this.inFlight.add(t.hash);
    const channels = t.channels && t.channels >= 1 && t.channels <= 6 ? t.channels : 2;
    const sampleRate = t.sample_rate && t.sample_rate >= 8000 && t.sample_rate <= 384_000 ? t.sample_rate : 48_000;
    pool
      .run({ path: t.path, channels, sampleRate, decoder: this.decoder!, peakBuckets: this.o.peakBuckets ?? 2000 })
      .then(
        (outcome) => {
          if (this.disposed) return;
          this.store.save(t.hash, outcome, this.now());
          this.counts.analysed++;
          this.o.events?.emit('analysis.trackAnalysed', { trackId: t.hash, error: null });
        },
        (e: Error) => {
          if (this.disposed) return;
          if (!(e instanceof AnalysisJobError)) throw e;
          this.o.log.warn({ path: t.path, error: e.message }, 'track analysis failed');
          this.store.saveError(t.hash, e.message, this.now());
          this.counts.failed++;
          this.o.events?.emit('analysis.trackAnalysed', { trackId: t.hash, error: e.message });
        },
      )
      .catch((err: unknown) => this.o.log.error({ err, path: t.path }, 'storing a track analysis failed'))
      .finally(() => {
        this.inFlight.delete(t.hash);
        this.pump();
        this.emitProgress();
      });
  }

  status(): AnalysisStatus {
    const { total, analysed, failed } = this.counts;
    const pending = Math.max(0, total - analysed - failed);
    const builtin = this.decoder === 'builtin';
    const state: AnalysisStatus['state'] = !this.pool ? 'idle' : this.importing && pending > 0 ? 'paused' : this.inFlight.size > 0 ? 'running' : builtin && pending > 0 ? 'unavailable' : 'idle';
    return {
      state,
      reason: builtin ? 'ffmpeg-missing' : this.importing && pending > 0 ? 'import' : null,
      message: builtin ? FFMPEG_MISSING : null,
      total,
      analysed,
      failed,
      pending,
      active: this.inFlight.size,
      workers: this.pool?.size ?? 0,
      decoder: this.decoder ?? 'ffmpeg',
    };
  }

  track(hash: string): TrackAnalysis | null {
    return this.store.get(hash);
  }

  peaks(hash: string, buckets: number): WaveformPeaks | null {
    const stored = this.store.peaks(hash);
    if (!stored) return null;
    const { min, max } = downsamplePeaks(stored, buckets);
    return { trackId: hash, buckets: min.length, min, max };
  }

  /** Resolves when nothing is left to analyse (or the rest waits for an import or ffmpeg). */
  async idle(): Promise<void> {
    await this.start();
    await new Promise<void>((resolve) => {
      this.idleWaiters.add(resolve);
      this.checkIdle();
    });
  }

  private checkIdle(): void {
    if (this.inFlight.size > 0 && !this.disposed) return;
    for (const w of [...this.idleWaiters]) w();
    this.idleWaiters.clear();
  }

  /** Progress events at most every 250 ms (always on state changes). */
  private emitProgress(force = false): void {
    if (!this.o.events || this.disposed) return;
    const wait = 250 - (performance.now() - this.lastEmit);
    if (!force && wait > 0) {
      this.emitTimer ??= setTimeout(() => {
        this.emitTimer = null;
        this.emitProgress(true);
      }, wait);
      return;
    }
    this.lastEmit = performance.now();
    this.o.events.emit('analysis.progress', this.status());
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    if (this.emitTimer) clearTimeout(this.emitTimer);
    if (this.importTimer) clearTimeout(this.importTimer);
    for (const off of this.unsubscribe.splice(0)) off();
    await this.started;
    await this.pool?.dispose();
    this.checkIdle();
  }
}
