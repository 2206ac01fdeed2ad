import * as Y from 'yjs';
import { fromBase64 } from 'lib0/buffer';
import { EncoreError } from '@encore/shared/errors';
import { ProjectFileManifest, type SongFormat } from '@encore/shared/host/projects';
import { exportDawproject } from '@encore/shared/interchange/dawproject/exportDawproject';
import { importDawproject } from '@encore/shared/interchange/dawproject/importDawproject';
import { listZip, readEntry } from '@encore/shared/interchange/dawproject/zip';
import { exportMidi, importMidi } from '@encore/shared/interchange/midi';
import { assertSupportedVersion, migrateProject } from '@encore/shared/project/schema/migrations';

/**
 * Song files for the in-memory host: the same converters the desktop host runs (shared's MIDI and
 * DAWproject codecs), and `.encore` zips read with their manifest checked, so renderer tests see
 * real conversions, real refusals and the same error codes.
 */

const FORMATS: Readonly<Record<string, SongFormat>> = { encore: 'encore', mid: 'midi', midi: 'midi', smf: 'midi', dawproject: 'dawproject' };
export const SONG_EXTENSIONS: Readonly<Record<SongFormat, string>> = { encore: 'encore', midi: 'mid', dawproject: 'dawproject' };

export function songFormatOfName(fileName: string): SongFormat {
  const format = FORMATS[fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase()];
  if (!format) throw new EncoreError('BAD_REQUEST', `${fileName} is not a song file Encore reads; use .encore, .mid/.midi or .dawproject`);
  return format;
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(bytes)));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export interface DecodedSong {
  readonly doc: Y.Doc;
  readonly blobs: Map<string, Uint8Array>;
  readonly warnings: string[];
}

function decodeEncore(bytes: Uint8Array): DecodedSong {
  let entries: ReturnType<typeof listZip>;
  try {
    entries = listZip(bytes);
  } catch (e) {
    throw new EncoreError('VALIDATION_FAILED', `This project file is damaged: ${e instanceof Error ? e.message : String(e)}`);
  }
  const read = (name: string) => {
    const entry = entries.get(name);
    if (!entry) throw new EncoreError('VALIDATION_FAILED', `This project file is damaged: it has no ${name}`);
    return readEntry(bytes, entry);
  };
  const manifest = ProjectFileManifest.safeParse(JSON.parse(new TextDecoder().decode(read('manifest.json'))));
  if (!manifest.success) throw new EncoreError('VALIDATION_FAILED', 'This project file is damaged: its manifest is unreadable');
  const doc = new Y.Doc();
  Y.applyUpdate(doc, read('document.yjs'));
  assertSupportedVersion(doc);
  migrateProject(doc);
  const blobs = new Map(manifest.data.assets.map((a) => [a.hash, read(`blobs/${a.hash}`)]));
  return { doc, blobs, warnings: [] };
}

/** A song file as a fresh project document, or an EncoreError saying why not. */
export async function decodeSong(fileName: string, bytes: Uint8Array): Promise<DecodedSong> {
  const format = songFormatOfName(fileName);
  const title = fileName.replace(/\.[^.]*$/, '').trim() || 'Imported song';
  if (format === 'encore') return decodeEncore(bytes);
  const doc = new Y.Doc();
  if (format === 'midi') return { doc, blobs: new Map(), warnings: [...importMidi(doc, bytes, { title }).warnings] };
  const imported = await importDawproject(bytes, { sha256: sha256Hex, into: doc, title });
  return { doc, blobs: imported.assets, warnings: [...imported.warnings] };
}

/** A project document as `.mid` or `.dawproject` bytes (`.encore` stays the host's own export). */
export function encodeSong(doc: Y.Doc, format: Exclude<SongFormat, 'encore'>, blobs: ReadonlyMap<string, Uint8Array>): Uint8Array {
  return format === 'midi' ? exportMidi(doc) : exportDawproject(doc, { appVersion: 'memory', assets: (hash) => blobs.get(hash) });
}

/** Chunks of an upload put back together in order. */
export function joinChunks(chunks: readonly string[]): Uint8Array {
  const parts = chunks.map((c) => fromBase64(c));
  const whole = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    whole.set(p, at);
    at += p.byteLength;
  }
  return whole;
}
