import { Inflate, strFromU8 } from 'fflate';
import { EncoreError } from '../../errors';

/**
 * What a DAWproject may cost to open. Checked on the declared sizes before anything is inflated,
 * then again on the bytes actually inflated, so a zip whose headers lie cannot balloon.
 */
export interface ZipLimits {
  /** The archive itself. */
  readonly maxArchiveBytes: number;
  /** Everything inflated for one import (XML and audio). */
  readonly maxUnpackedBytes: number;
  /** project.xml or metadata.xml alone. */
  readonly maxXmlBytes: number;
}

const GIB = 1024 ** 3;
export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxArchiveBytes: GIB, maxUnpackedBytes: GIB, maxXmlBytes: 64 * 1024 ** 2 };

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly dataOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const CHUNK = 1 << 20;

const corrupt = (why: string): EncoreError =>
  new EncoreError('BAD_REQUEST', `This is not a readable DAWproject file (a .dawproject is a zip archive): ${why}.`, { reason: 'corrupt-zip' });

export const formatBytes = (n: number): string => (n >= GIB ? `${(n / GIB).toFixed(1)} GiB` : `${(n / 1024 ** 2).toFixed(1)} MiB`);

/**
 * Lists a zip archive's files from its central directory, without inflating anything.
 *
 * @example
 * const entries = listZip(bytes); // Map { 'project.xml' => { size: 12209, ... } }
 */
export function listZip(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Map<string, ZipEntry> {
  if (bytes.byteLength > limits.maxArchiveBytes) {
    throw new EncoreError('PAYLOAD_TOO_LARGE', `This DAWproject is ${formatBytes(bytes.byteLength)}; Encore opens DAWprojects up to ${formatBytes(limits.maxArchiveBytes)}.`, {
      reason: 'archive-too-large',
      byteLength: bytes.byteLength,
    });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u32 = (at: number): number => {
    if (at < 0 || at + 4 > bytes.byteLength) throw corrupt('it is truncated');
    return view.getUint32(at, true);
  };
  const u16 = (at: number): number => {
    if (at < 0 || at + 2 > bytes.byteLength) throw corrupt('it is truncated');
    return view.getUint16(at, true);
  };
  let eocd = -1;
  for (let at = bytes.byteLength - 22; at >= Math.max(0, bytes.byteLength - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === EOCD) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw corrupt(bytes.byteLength < 22 ? 'it is too short' : 'no zip directory was found (it is truncated or not a zip)');
  const count = u16(eocd + 10);
  let at = u32(eocd + 16);
  if (count === 0xffff || at === 0xffffffff) throw corrupt('ZIP64 archives are not supported');
  const entries = new Map<string, ZipEntry>();
  for (let i = 0; i < count; i++) {
    if (u32(at) !== CENTRAL) throw corrupt('its directory is damaged');
    const flags = u16(at + 8);
    const method = u16(at + 10);
    const compressedSize = u32(at + 20);
    const size = u32(at + 24);
    const nameLength = u16(at + 28);
    const next = at + 46 + nameLength + u16(at + 30) + u16(at + 32);
    const localAt = u32(at + 42);
    if (at + 46 + nameLength > bytes.byteLength) throw corrupt('it is truncated');
    const name = strFromU8(bytes.subarray(at + 46, at + 46 + nameLength), (flags & 0x800) === 0);
    if (flags & 1) throw corrupt(`${name} is encrypted`);
    if (u32(localAt) !== LOCAL) throw corrupt(`the entry ${name} is damaged`);
    const dataOffset = localAt + 30 + u16(localAt + 26) + u16(localAt + 28);
    if (dataOffset + compressedSize > bytes.byteLength) throw corrupt('it is truncated');
    if (!name.endsWith('/')) entries.set(name.replace(/^\.?\//, ''), { name, method, compressedSize, size, dataOffset });
    at = next;
  }
  return entries;
}

/**
 * Inflates one entry, refusing to produce more bytes than it declares: the declared sizes are
 * what the caller budgeted against.
 */
export function readEntry(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const data = bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) throw corrupt(`the entry ${entry.name} is damaged`);
    return data.slice();
  }
  if (entry.method !== 8) throw corrupt(`${entry.name} uses an unsupported compression method (${entry.method})`);
  const out = new Uint8Array(entry.size);
  let written = 0;
  const inflater = new Inflate((chunk) => {
    if (written + chunk.length > entry.size) {
      throw new EncoreError('PAYLOAD_TOO_LARGE', `${entry.name} unpacks to more than the ${formatBytes(entry.size)} its zip header declares; the file was refused as a possible zip bomb.`, {
        reason: 'zip-bomb',
        entry: entry.name,
      });
    }
    out.set(chunk, written);
    written += chunk.length;
  });
  try {
    for (let at = 0; at < data.length; at += CHUNK) inflater.push(data.subarray(at, Math.min(data.length, at + CHUNK)), at + CHUNK >= data.length);
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (e) {
    if (e instanceof EncoreError) throw e;
    throw corrupt(`${entry.name} cannot be unpacked (${e instanceof Error ? e.message : String(e)})`);
  }
  if (written !== entry.size) throw corrupt(`${entry.name} is shorter than its header says`);
  return out;
}
