import fs from 'node:fs/promises';
import { EncoreError } from '@encore/shared/errors';
import { MAX_SONG_FILE_BYTES, type projectContract } from '@encore/shared/host/projects';
import type { HostProcedures } from '../../host/router';
import { sha256 } from './BlobStore';
import { ChunkedUploads } from './chunkedUploads';
import { exportName } from './projectProcedures';
import { exportSong, importSong, SONG_EXTENSIONS, songFormatOfName } from './projectFormats';
import type { ProjectService } from './ProjectService';

type SongFileMethod = 'projects.importFile.begin' | 'projects.importFile.chunk' | 'projects.importFile.finish' | 'projects.exportFile';
export type SongFileProcedures = Pick<HostProcedures, SongFileMethod & keyof typeof projectContract>;

export interface SongFileOptions {
  /** `<desktopDir>/imports`: uploads wait here in hidden temp files. */
  importDir: string;
  exportDir: string;
  /** Writes an export under a free variant of `name` in the exports folder; returns the name used. */
  write: (name: string, bytes: Uint8Array) => Promise<string>;
  maxBytes?: number;
  idleMs?: number;
  now?: () => number;
}

/**
 * The host side of `projects.importFile.*` and `projects.exportFile`: a song file the user picked
 * in the renderer arrives in ordered chunks into a hidden temp file, is checked against its
 * SHA-256, then converted and imported whole (a refused file leaves no project, no audio and no
 * temp file); exports are written to the exports folder without overwriting anything.
 *
 * @example
 * return { ...createSongFileProcedures(projects, { importDir, exportDir, write }) };
 */
export function createSongFileProcedures(p: ProjectService, o: SongFileOptions): SongFileProcedures {
  const uploads = new ChunkedUploads<{ fileName: string; byteLength: number }>({
    tempDir: o.importDir,
    tempName: (id) => `.import-${id}.tmp`,
    maxBytes: o.maxBytes ?? MAX_SONG_FILE_BYTES,
    idleMs: o.idleMs ?? 10 * 60_000,
    now: o.now ?? Date.now,
    what: 'import upload',
  });
  return {
    'projects.importFile.begin': async ({ fileName, byteLength }) => {
      songFormatOfName(fileName);
      return { uploadId: await uploads.begin({ fileName, byteLength }, byteLength) };
    },
    'projects.importFile.chunk': ({ uploadId, offset, data }) => uploads.append(uploadId, offset, data),
    'projects.importFile.finish': async ({ uploadId, sha256: expected }) => {
      const { meta, temp, received, sha256: actual } = await uploads.take(uploadId);
      try {
        if (received !== meta.byteLength || actual !== expected) {
          throw new EncoreError('VALIDATION_FAILED', 'The file arrived damaged (length or checksum mismatch)', { expected, actual, received, byteLength: meta.byteLength });
        }
        return await importSong(p, meta.fileName, new Uint8Array(await fs.readFile(temp)));
      } finally {
        await fs.rm(temp, { force: true });
      }
    },
    'projects.exportFile': async ({ projectId, format }) => {
      const bytes = await exportSong(p, projectId, format);
      const fileName = await o.write(exportName(p.get(projectId).title, new Date(), SONG_EXTENSIONS[format]), bytes);
      return { fileName, format, byteLength: bytes.byteLength, sha256: sha256(bytes) };
    },
  };
}
