import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PROJECT_SCHEMA_VERSION } from '@encore/shared/project/schema/migrations';
import { createEmptyProject } from '@encore/shared/project/templates/emptyProject';
import { sha256 } from './BlobStore';
import { decodeProjectFile, DOCUMENT, encodeProjectFile, MANIFEST } from './projectFile';

function documentState(version = PROJECT_SCHEMA_VERSION): Uint8Array {
  const doc = new Y.Doc();
  createEmptyProject(doc, { title: 'Song' });
  doc.getMap('meta').set('schemaVersion', version);
  return Y.encodeStateAsUpdate(doc);
}

const audio = new Uint8Array(4096).map((_, i) => (i * 7) & 0xff);
const file = (over: { document?: Uint8Array; schemaVersion?: number } = {}) =>
  encodeProjectFile({
    appVersion: '0.1.0',
    exportedAt: '2025-03-01T12:00:00.000Z',
    project: { title: 'Song', template: 'empty', createdAt: '2025-03-01T11:00:00.000Z' },
    document: over.document ?? documentState(),
    schemaVersion: over.schemaVersion ?? PROJECT_SCHEMA_VERSION,
    blobs: new Map([[sha256(audio), audio]]),
    missingAssets: [],
  });

/** Rewrites one entry of a zip. */
function edit(bytes: Uint8Array, name: string, content: Uint8Array | null): Uint8Array {
  const entries = unzipSync(bytes);
  if (content) entries[name] = new Uint8Array(content);
  else delete entries[name];
  return zipSync(entries);
}

describe('.encore files', () => {
  it('round-trips manifest, document and blobs', () => {
    const decoded = decodeProjectFile(file());
    expect(decoded.manifest).toMatchObject({ format: 'encore.project', formatVersion: 1, appVersion: '0.1.0', assets: [{ hash: sha256(audio), byteLength: 4096 }] });
    expect(decoded.blobs.get(sha256(audio))).toEqual(audio);
  });

  it('refuses a truncated or non-zip file', () => {
    const bytes = file();
    for (const cut of [10, Math.floor(bytes.length / 2), bytes.length - 5]) {
      expect(() => decodeProjectFile(bytes.slice(0, cut))).toThrow(/damaged/);
    }
    expect(() => decodeProjectFile(strToU8('not a zip at all'))).toThrow(/not a readable zip/);
  });

  it('refuses tampered content, missing and extra entries', () => {
    const bytes = file();
    const tampered = new Uint8Array(audio);
    tampered[7] = (tampered[7] ?? 0) ^ 1;
    expect(() => decodeProjectFile(edit(bytes, `blobs/${sha256(audio)}`, tampered))).toThrow(/does not match its checksum/);
    expect(() => decodeProjectFile(edit(bytes, `blobs/${sha256(audio)}`, null))).toThrow(/is missing/);
    expect(() => decodeProjectFile(edit(bytes, DOCUMENT, documentState().slice(0, 20)))).toThrow(/checksum/);
    expect(() => decodeProjectFile(edit(bytes, MANIFEST, null))).toThrow(/no manifest/);
    expect(() => decodeProjectFile(edit(bytes, MANIFEST, strToU8('{"format":"encore.project"')))).toThrow(/not JSON/);
    expect(() => decodeProjectFile(edit(bytes, '../evil', strToU8('x')))).toThrow(/unexpected entry/);
    expect(() => decodeProjectFile(edit(bytes, `blobs/${'b'.repeat(64)}`, strToU8('x')))).toThrow(/does not list/);
  });

  it('refuses a newer file format and a newer document with a clear message', () => {
    const bytes = file();
    const manifest = JSON.parse(new TextDecoder().decode(unzipSync(bytes)[MANIFEST])) as Record<string, unknown>;
    const future = edit(bytes, MANIFEST, strToU8(JSON.stringify({ ...manifest, formatVersion: 99, somethingNew: true })));
    expect(() => decodeProjectFile(future)).toThrow(/made by a newer Encore \(file format 99\)/);
    expect(() => decodeProjectFile(file({ schemaVersion: PROJECT_SCHEMA_VERSION + 1 }))).toThrow(/newer Encore \(project format/);
    // The manifest may lie about the document's version; the document itself is checked too.
    const newerDoc = documentState(PROJECT_SCHEMA_VERSION + 1);
    expect(() => decodeProjectFile(file({ document: newerDoc }))).toThrow(/created by a newer Encore/);
    try {
      decodeProjectFile(future);
    } catch (e) {
      expect(e).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    }
  });
});
