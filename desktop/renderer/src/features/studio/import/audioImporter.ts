import { createStore, type StoreApi } from 'zustand/vanilla';
import { findClip, type ProjectSession } from '../model/projectSession';
import { importAudio, importMessage, type ImportedAudio, type ImportPhase } from './importAudio';
import type { BlobUploader } from './uploadBlob';

export interface ImportJob {
  readonly id: number;
  readonly name: string;
  readonly phase: ImportPhase;
  readonly fraction: number;
}

export interface ImporterState {
  /** Files being imported, in order; one at a time. */
  readonly jobs: readonly ImportJob[];
  /** The last failure, in the user's words. */
  readonly error: string | null;
}

export interface ImportTarget {
  /** An audio track, or null: a new track per file. */
  readonly trackId: string | null;
  readonly start: number;
}

/**
 * The editor's audio imports: files dropped or chosen are imported one after another (each one
 * whole or not at all, see importAudio), with their progress and the last error in a store.
 * Files dropped on a lane follow each other on that track; elsewhere each gets a new track.
 *
 * @example
 * const importer = new AudioImporter(session, blobUploader(host), () => audio.context);
 * await importer.importFiles([...input.files], { trackId: null, start: 0 });
 */
export class AudioImporter {
  readonly store: StoreApi<ImporterState> = createStore<ImporterState>(() => ({ jobs: [], error: null }));
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly session: ProjectSession,
    private readonly upload: BlobUploader,
    private readonly context: () => BaseAudioContext,
  ) {}

  /** Imports the files in order; resolves with what was imported (failures are in the store). */
  importFiles(files: readonly File[], target: ImportTarget): Promise<ImportedAudio[]> {
    const jobs = files.map((file) => ({ file, job: { id: this.nextId++, name: file.name, phase: 'reading' as ImportPhase, fraction: 0 } }));
    this.store.setState((s) => ({ jobs: [...s.jobs, ...jobs.map((j) => j.job)], error: null }));
    const run = async () => {
      const done: ImportedAudio[] = [];
      let start = target.start;
      for (const { file, job } of jobs) {
        try {
          const imported = await importAudio(file, {
            session: this.session,
            upload: this.upload,
            context: this.context(),
            trackId: target.trackId,
            start,
            onProgress: (phase, fraction) => this.update(job.id, { phase, fraction }),
          });
          done.push(imported);
          // More files on one lane follow each other; on empty space each gets its own track.
          const clip = findClip(this.session.store.getState().snapshot, imported.clipId)?.clip;
          if (target.trackId !== null && clip) start = clip.start + clip.length;
        } catch (e) {
          console.warn('studio import failed', { name: file.name, size: file.size }, e);
          this.store.setState({ error: importMessage(e) });
        } finally {
          this.store.setState((s) => ({ jobs: s.jobs.filter((j) => j.id !== job.id) }));
        }
      }
      return done;
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  dismissError(): void {
    this.store.setState({ error: null });
  }

  private update(id: number, patch: Partial<ImportJob>): void {
    this.store.setState((s) => ({ jobs: s.jobs.map((j) => (j.id === id ? { ...j, ...patch } : j)) }));
  }
}
