import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { EncoreError } from '@encore/shared/errors';
import type { ProjectSummary, SongFormat } from '@encore/shared/host/projects';
import { exportDawproject } from '@encore/shared/interchange/dawproject/exportDawproject';
import { importDawproject } from '@encore/shared/interchange/dawproject/importDawproject';
import { exportMidi, importMidi } from '@encore/shared/interchange/midi';
import { root } from '@encore/shared/project/schema/layout';
import { Sha256 } from '@encore/shared/project/schema/common';
import { APP_VERSION } from '../../appVersion';
import { decodeProjectFile } from './projectFile';
import type { ProjectService } from './ProjectService';

const FORMATS: Readonly<Record<string, SongFormat>> = { encore: 'encore', mid: 'midi', midi: 'midi', smf: 'midi', dawproject: 'dawproject' };
/** The extension each format is exported with. */
export const SONG_EXTENSIONS: Readonly<Record<SongFormat, string>> = { encore: 'encore', midi: 'mid', dawproject: 'dawproject' };

/** The format a file name names by its extension (BAD_REQUEST for any other). */
export function songFormatOfName(fileName: string): SongFormat {
  const format = FORMATS[fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase()];
  if (!format) throw new EncoreError('BAD_REQUEST', `${fileName} is not a song file Encore reads; use .encore, .mid/.midi or .dawproject`, { reason: 'unknown-format' });
  return format;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const titleOf = (fileName: string): string => fileName.replace(/\.[^.]*$/, '').trim().slice(0, 200) || 'Imported song';

export interface ImportedSong {
  readonly project: ProjectSummary;
  readonly format: SongFormat;
  readonly warnings: string[];
}

/**
 * Imports a song file as a new project. Each importer checks and converts the whole file into a
 * scratch document first (throwing EncoreError with a message for the user on a bad file), so a
 * refused file creates no project and stores no audio.
 *
 * @example
 * const { project, warnings } = await importSong(projects, 'song.mid', bytes);
 */
export async function importSong(p: ProjectService, fileName: string, bytes: Uint8Array): Promise<ImportedSong> {
  const format = songFormatOfName(fileName);
  if (format === 'encore') {
    // Decoded once here for its warnings; importProject verifies it again before writing.
    const missing = decodeProjectFile(bytes).manifest.missingAssets.map((h) => `Audio ${h.slice(0, 12)}… was missing when the project was exported`);
    return { project: await p.importProject(bytes), format, warnings: missing };
  }
  const doc = new Y.Doc();
  try {
    if (format === 'midi') {
      const report = importMidi(doc, bytes, { title: titleOf(fileName) });
      return { project: await p.importDocument({ title: titleOf(fileName), doc, blobs: new Map() }), format, warnings: [...report.warnings] };
    }
    const imported = await importDawproject(bytes, { sha256: async (b) => sha256(b), into: doc, title: titleOf(fileName) });
    return { project: await p.importDocument({ title: titleOf(fileName), doc, blobs: imported.assets }), format, warnings: [...imported.warnings] };
  } finally {
    doc.destroy();
  }
}

/**
 * A project as a song file: the `.encore` project file (document + audio), a type 1 Standard
 * MIDI File, or a DAWproject (with the audio the project uses).
 *
 * @example
 * const bytes = await exportSong(projects, projectId, 'dawproject');
 */
export async function exportSong(p: ProjectService, projectId: string, format: SongFormat): Promise<Uint8Array> {
  if (format === 'encore') return p.exportProject(projectId);
  const doc = p.documentCopy(projectId);
  try {
    if (format === 'midi') return exportMidi(doc);
    const assets = new Map<string, Uint8Array>();
    for (const hash of [...root(doc, 'assets').keys()].sort()) {
      if (Sha256.safeParse(hash).success && (await p.blobs.has(hash))) assets.set(hash, await p.blobs.get(hash));
    }
    return exportDawproject(doc, { appVersion: APP_VERSION, assets: (hash) => assets.get(hash) });
  } finally {
    doc.destroy();
  }
}
