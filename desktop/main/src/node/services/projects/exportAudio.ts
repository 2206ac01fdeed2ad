import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { EncoreError } from '@encore/shared/errors';
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

interface Upload {
  fileName: string;
  temp: string;
  received: number;
  hash: ReturnType<typeof createHash>;
  touchedAt: number;
  /** Chunks are written one after another even when calls overlap. */
  queue: Promise<unknown>;
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
  const uploads = new Map<string, Upload>();

  const sweep = async () => {
    for (const [id, u] of uploads) {
      if (o.now() - u.touchedAt < o.idleMs) continue;
      uploads.delete(id);
      await fs.rm(u.temp, { force: true });
    }
  };
  const find = (uploadId: string): Upload => {
    const u = uploads.get(uploadId);
    if (!u) throw new EncoreError('NOT_FOUND', 'This export upload has ended or never began', { uploadId });
    u.touchedAt = o.now();
    return u;
  };

  return {
    'projects.exportAudio.begin': async ({ fileName }) => {
      await sweep();
      await fs.mkdir(o.exportDir, { recursive: true });
      const uploadId = randomBytes(16).toString('base64url').slice(0, 21);
      const temp = path.join(o.exportDir, `.upload-${uploadId}.tmp`);
      await fs.writeFile(temp, new Uint8Array(0), { flag: 'wx' });
      uploads.set(uploadId, { fileName, temp, received: 0, hash: createHash('sha256'), touchedAt: o.now(), queue: Promise.resolve() });
      return { uploadId };
    },
    'projects.exportAudio.chunk': ({ uploadId, offset, data }) => {
      const u = find(uploadId);
      const write = async () => {
        if (offset !== u.received) throw new EncoreError('CONFLICT', `Expected the chunk at byte ${u.received}, got ${offset}`, { uploadId, offset, expected: u.received });
        const bytes = Buffer.from(data, 'base64');
        if (u.received + bytes.byteLength > o.maxBytes) throw new EncoreError('VALIDATION_FAILED', 'The exported file is too large', { maxBytes: o.maxBytes });
        await fs.appendFile(u.temp, bytes);
        u.hash.update(bytes);
        u.received += bytes.byteLength;
        return { received: u.received };
      };
      const next = u.queue.then(write, write);
      u.queue = next.catch(() => undefined);
      return next;
    },
    'projects.exportAudio': async ({ uploadId, sha256 }) => {
      const u = find(uploadId);
      await u.queue;
      uploads.delete(uploadId);
      const actual = u.hash.digest('hex');
      if (actual !== sha256) {
        await fs.rm(u.temp, { force: true });
        throw new EncoreError('VALIDATION_FAILED', 'The exported file arrived damaged (checksum mismatch)', { expected: sha256, actual });
      }
      try {
        const fileName = await linkUnique(o.exportDir, u.fileName, u.temp);
        return { fileName, byteLength: u.received, sha256 };
      } finally {
        await fs.rm(u.temp, { force: true });
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
