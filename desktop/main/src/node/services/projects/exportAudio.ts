import fs from 'node:fs/promises';
import path from 'node:path';
import { EncoreError } from '@encore/shared/errors';
import { ChunkedUploads } from './chunkedUploads';
import type { projectContract } from '@encore/shared/host/projects';
import type { HostProcedures } from '../../host/router';

type ExportAudioMethod = 'projects.exportAudio.begin' | 'projects.exportAudio.chunk' | 'projects.exportAudio';
export type ExportAudioProcedures = Pick<HostProcedures, ExportAudioMethod & keyof typeof projectContract>;

export interface ExportAudioOptions {
  /** `<desktopDir>/exports`. */
  exportDir: string;
  /** Largest file accepted (bytes). */
  maxBytes: number;
  /** An upload not touched for this long is dropped with its temp file. */
  idleMs: number;
  now: () => number;
}

/**
 * The host side of `projects.exportAudio.*`: a bounce arrives in ordered chunks into a hidden
 * temp file in the exports folder, and is linked under its final name only when the SHA-256 of
 * what arrived matches the renderer's. An existing export is never overwritten: a taken name
 * becomes `name (2).wav`. Abandoned uploads are removed once idle for `idleMs`.
 *
 * @example
 * return { ...createExportAudioProcedures({ exportDir: path.join(desktopDir, 'exports') }) };
 */
export function createExportAudioProcedures(options: Partial<ExportAudioOptions> & Pick<ExportAudioOptions, 'exportDir'>): ExportAudioProcedures {
  const o: ExportAudioOptions = { maxBytes: 4 * 1024 ** 3, idleMs: 10 * 60_000, now: Date.now, ...options };
  const uploads = new ChunkedUploads<{ fileName: string }>({
    tempDir: o.exportDir,
    tempName: (id) => `.upload-${id}.tmp`,
    maxBytes: o.maxBytes,
    idleMs: o.idleMs,
    now: o.now,
    what: 'export upload',
  });

  return {
    'projects.exportAudio.begin': async ({ fileName }) => ({ uploadId: await uploads.begin({ fileName }) }),
    'projects.exportAudio.chunk': ({ uploadId, offset, data }) => uploads.append(uploadId, offset, data),
    'projects.exportAudio': async ({ uploadId, sha256 }) => {
      const { meta, temp, received, sha256: actual } = await uploads.take(uploadId);
      try {
        if (actual !== sha256) throw new EncoreError('VALIDATION_FAILED', 'The exported file arrived damaged (checksum mismatch)', { expected: sha256, actual });
        const fileName = await linkUnique(o.exportDir, meta.fileName, temp);
        return { fileName, byteLength: received, sha256 };
      } finally {
        await fs.rm(temp, { force: true });
      }
    },
  };
}

/** Hard-links `temp` as `name`, `name (2)`, ...: link fails on a taken name, so nothing is overwritten. */
async function linkUnique(dir: string, name: string, temp: string): Promise<string> {
  const dot = name.lastIndexOf('.');
  const stem = name.slice(0, dot);
  const ext = name.slice(dot);
  for (let n = 1; n < 1000; n++) {
    const candidate = n === 1 ? name : `${stem} (${n})${ext}`;
    try {
      await fs.link(temp, path.join(dir, candidate));
      return candidate;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  throw new EncoreError('CONFLICT', `Too many exports named ${stem}`);
}
