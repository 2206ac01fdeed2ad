import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import * as Y from 'yjs';
import { EncoreError } from '@encore/shared/errors';
import { exportDawproject } from '@encore/shared/interchange/dawproject/exportDawproject';
import { importDawproject } from '@encore/shared/interchange/dawproject/importDawproject';
import { exportMidi, importMidi } from '@encore/shared/interchange/midi';
import { readProject } from '@encore/shared/project/read/readProject';
import { migrateProject, PROJECT_SCHEMA_VERSION } from '@encore/shared/project/schema/migrations';
import { decodeProjectFile, encodeProjectFile } from '../services/projects/projectFile';
import { writeFileAtomic } from './atomicWrite';

/** The song formats `encore render` reads and `encore convert` reads and writes. */
export type SongFormat = 'encore' | 'midi' | 'dawproject';

const EXTENSIONS: Readonly<Record<string, SongFormat>> = { '.encore': 'encore', '.mid': 'midi', '.midi': 'midi', '.smf': 'midi', '.dawproject': 'dawproject' };

/** The format a path names by its extension; BAD_REQUEST naming the known ones otherwise. */
export function songFormatOf(path: string): SongFormat {
  const format = EXTENSIONS[extname(path).toLowerCase()];
  if (!format) throw new EncoreError('BAD_REQUEST', `${path}: unknown song format "${extname(path) || '(no extension)'}"; use .encore, .mid/.midi or .dawproject`, { reason: 'unknown-format' });
  return format;
}

export interface LoadedSong {
  readonly format: SongFormat;
  readonly doc: Y.Doc;
  /** Audio the project carries, by SHA-256. */
  readonly blobs: ReadonlyMap<string, Uint8Array>;
  readonly warnings: readonly string[];
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const titleOf = (path: string): string => path.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '').slice(0, 200) || 'Untitled';

async function readInput(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new EncoreError(code === 'ENOENT' ? 'NOT_FOUND' : 'BAD_REQUEST', `${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : `cannot be read (${code ?? String(e)})`}`, { reason: 'unreadable-input' });
  }
}

/**
 * Reads a project file, Standard MIDI File or DAWproject into a current-version project document.
 *
 * @example
 * const { doc, warnings } = await loadSong('song.mid');
 */
export async function loadSong(path: string): Promise<LoadedSong> {
  const format = songFormatOf(path);
  const bytes = await readInput(path);
  const doc = new Y.Doc();
  switch (format) {
    case 'midi': {
      const report = importMidi(doc, bytes, { title: titleOf(path) });
      return { format, doc, blobs: new Map(), warnings: report.warnings };
    }
    case 'dawproject': {
      const imported = await importDawproject(bytes, { sha256: async (b) => sha256(b), into: doc, title: titleOf(path) });
      return { format, doc, blobs: imported.assets, warnings: imported.warnings };
    }
    case 'encore': {
      const { document, blobs, manifest } = decodeProjectFile(bytes);
      Y.applyUpdate(doc, document);
      migrateProject(doc);
      const missing = manifest.missingAssets.map((h) => `asset ${h} was missing when the project was exported`);
      return { format, doc, blobs, warnings: missing };
    }
  }
}

export interface SaveResult {
  readonly format: SongFormat;
  readonly bytes: number;
}

/**
 * Writes a project document as a project file, Standard MIDI File or DAWproject, atomically (a
 * temporary file renamed into place: a failure leaves no partial output).
 *
 * @example
 * await saveSong(doc, blobs, 'song.dawproject', { appVersion: '0.1.0' });
 */
export async function saveSong(doc: Y.Doc, blobs: ReadonlyMap<string, Uint8Array>, path: string, o: { appVersion: string; now?: Date }): Promise<SaveResult> {
  const format = songFormatOf(path);
  let bytes: Uint8Array;
  switch (format) {
    case 'midi':
      bytes = exportMidi(doc);
      break;
    case 'dawproject':
      bytes = exportDawproject(doc, { appVersion: o.appVersion, assets: (hash) => blobs.get(hash) });
      break;
    case 'encore': {
      const snapshot = readProject(doc);
      const now = (o.now ?? new Date()).toISOString();
      const used = new Set(snapshot.assets.map((a) => a.hash));
      bytes = encodeProjectFile({
        appVersion: o.appVersion,
        exportedAt: now,
        project: { title: snapshot.title, template: null, createdAt: now },
        document: Y.encodeStateAsUpdate(doc),
        schemaVersion: PROJECT_SCHEMA_VERSION,
        blobs: new Map([...blobs].filter(([hash]) => used.has(hash))),
        missingAssets: [...used].filter((hash) => !blobs.has(hash)),
      });
      break;
    }
  }
  await writeFileAtomic(path, bytes);
  return { format, bytes: bytes.byteLength };
}
