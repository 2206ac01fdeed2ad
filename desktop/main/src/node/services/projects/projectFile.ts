import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import * as Y from 'yjs';
import { EncoreError } from '@encore/shared/errors';
import { PROJECT_FILE_FORMAT_VERSION, ProjectFileHeader, ProjectFileManifest } from '@encore/shared/host/projects';
import { assertSupportedVersion, PROJECT_SCHEMA_VERSION } from '@encore/shared/project/schema/migrations';
import { sha256 } from './BlobStore';

/**
 * The `.encore` project file: a zip holding `manifest.json` (format and app version, title,
 * the SHA-256 of everything else), `document.yjs` (the Yjs state) and `blobs/<sha256>` (the
 * audio the project references). Audio is stored uncompressed: it rarely shrinks.
 */

export const MANIFEST = 'manifest.json';
export const DOCUMENT = 'document.yjs';
const BLOB = /^blobs\/([0-9a-f]{64})$/;
/** Refuses files that would unpack to more than this, before unpacking them. */
export const MAX_UNPACKED_BYTES = 2 * 1024 ** 3;

export interface ProjectFileContent {
  manifest: ProjectFileManifest;
  /** The Yjs state (an update holding the whole document). */
  document: Uint8Array;
  blobs: ReadonlyMap<string, Uint8Array>;
}

/** Packs a project file; the manifest's hashes and lengths are computed here. */
export function encodeProjectFile(o: {
  appVersion: string;
  exportedAt: string;
  project: ProjectFileManifest['project'];
  document: Uint8Array;
  schemaVersion: number;
  blobs: ReadonlyMap<string, Uint8Array>;
  missingAssets: readonly string[];
}): Uint8Array {
  const manifest = ProjectFileManifest.parse({
    format: 'encore.project',
    formatVersion: PROJECT_FILE_FORMAT_VERSION,
    appVersion: o.appVersion,
    exportedAt: o.exportedAt,
    project: o.project,
    document: { sha256: sha256(o.document), byteLength: o.document.byteLength, schemaVersion: o.schemaVersion },
    assets: [...o.blobs].map(([hash, bytes]) => ({ hash, byteLength: bytes.byteLength })),
    missingAssets: [...o.missingAssets],
  } satisfies ProjectFileManifest);
  const files: Zippable = { [MANIFEST]: strToU8(JSON.stringify(manifest, null, 2)), [DOCUMENT]: o.document };
  for (const [hash, bytes] of o.blobs) files[`blobs/${hash}`] = [bytes, { level: 0 }];
  return zipSync(files, { level: 6 });
}

/**
 * Unpacks and verifies a project file completely: the manifest against its schema, every hash
 * and length, and that the document is a project this build can open. Throws EncoreError
 * (VALIDATION_FAILED for a damaged file, UNSUPPORTED_MEDIA_TYPE for a newer one); it has no
 * side effects, so a refused file leaves nothing behind.
 *
 * @example
 * const { manifest, document, blobs } = decodeProjectFile(await fs.readFile(file));
 */
export function decodeProjectFile(bytes: Uint8Array): ProjectFileContent {
  const files = unzip(bytes);
  const manifest = readManifest(files.get(MANIFEST));
  const document = files.get(DOCUMENT);
  if (!document) throw damaged('it has no document');
  if (document.byteLength !== manifest.document.byteLength || sha256(document) !== manifest.document.sha256) throw damaged('its document does not match its checksum');
  if (manifest.document.schemaVersion > PROJECT_SCHEMA_VERSION) throw newer(`project format ${manifest.document.schemaVersion}`);
  checkDocument(document);

  const blobs = new Map<string, Uint8Array>();
  for (const { hash, byteLength } of manifest.assets) {
    const blob = files.get(`blobs/${hash}`);
    if (!blob) throw damaged(`asset ${hash} is missing`);
    if (blob.byteLength !== byteLength || sha256(blob) !== hash) throw damaged(`asset ${hash} does not match its checksum`);
    blobs.set(hash, blob);
  }
  const unexpected = [...files.keys()].filter((name) => name !== MANIFEST && name !== DOCUMENT && !blobs.has(BLOB.exec(name)?.[1] ?? ''));
  if (unexpected.length > 0) throw damaged(`it holds files its manifest does not list (${unexpected.slice(0, 3).join(', ')})`);
  return { manifest, document, blobs };
}

function unzip(bytes: Uint8Array): Map<string, Uint8Array> {
  let total = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (f) => {
        if (f.name !== MANIFEST && f.name !== DOCUMENT && !BLOB.test(f.name)) throw damaged(`it holds an unexpected entry ${f.name.slice(0, 100)}`);
        total += f.originalSize;
        if (total > MAX_UNPACKED_BYTES) throw new EncoreError('PAYLOAD_TOO_LARGE', 'This project file unpacks to more than 2 GiB', { reason: 'project-file-too-large' });
        return true;
      },
    });
  } catch (e) {
    if (e instanceof EncoreError) throw e;
    throw damaged('it is not a readable zip archive (damaged or truncated)', e);
  }
  return new Map(Object.entries(entries));
}

function readManifest(bytes: Uint8Array | undefined): ProjectFileManifest {
  if (!bytes) throw damaged('it has no manifest');
  let json: unknown;
  try {
    json = JSON.parse(strFromU8(bytes));
  } catch (e) {
    throw damaged('its manifest is not JSON', e);
  }
  const header = ProjectFileHeader.safeParse(json);
  if (!header.success) throw damaged('it is not an Encore project file');
  if (header.data.formatVersion > PROJECT_FILE_FORMAT_VERSION) throw newer(`file format ${header.data.formatVersion}`);
  const manifest = ProjectFileManifest.safeParse(json);
  if (!manifest.success) throw new EncoreError('VALIDATION_FAILED', 'This project file is damaged: its manifest is invalid', { reason: 'project-file-damaged', issues: manifest.error.issues.slice(0, 20) });
  return manifest.data;
}

function checkDocument(document: Uint8Array): void {
  const doc = new Y.Doc();
  try {
    Y.decodeUpdate(document);
    Y.applyUpdate(doc, document);
  } catch (e) {
    throw damaged('its document cannot be read', e);
  }
  try {
    assertSupportedVersion(doc);
  } finally {
    doc.destroy();
  }
}

function damaged(why: string, cause?: unknown): EncoreError {
  const e = new EncoreError('VALIDATION_FAILED', `This project file is damaged: ${why}. Nothing was imported.`, { reason: 'project-file-damaged' });
  if (cause !== undefined) (e as Error & { cause?: unknown }).cause = cause;
  return e;
}

function newer(what: string): EncoreError {
  return new EncoreError('UNSUPPORTED_MEDIA_TYPE', `This project file was made by a newer Encore (${what}). Update Encore to import it. Nothing was imported.`, {
    reason: 'project-file-too-new',
  });
}
