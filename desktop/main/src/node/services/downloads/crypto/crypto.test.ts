import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../db/testing';
import { DEFAULT_CHUNK_SIZE, EncryptedFileWriter, encryptedSize, HEADER_SIZE, readPlainRange, TamperedFileError } from './chunkedFile';
import { deriveFileKey } from './fileKey';
import { lazyMasterKey, openMasterKey, type KeyProtector } from './masterKey';

const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});
function scratch(): string {
  const t = tempDir('encore-dl-crypto-');
  cleanups.push(t.cleanup);
  return t.dir;
}

async function readAll(file: string, key: Buffer, size: number, start = 0, end = size - 1, id = ID): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const p of readPlainRange(file, key, id, size, start, end)) parts.push(p);
  return Buffer.concat(parts);
}

function writeFile(file: string, key: Buffer, plain: Buffer, pieces = 7): void {
  const w = EncryptedFileWriter.open(file, key, ID, { totalSize: plain.byteLength });
  const step = Math.ceil(plain.byteLength / pieces);
  for (let i = 0; i < plain.byteLength; i += step) w.append(plain.subarray(i, i + step));
  w.finish();
  w.close();
}

describe('download encryption', () => {
  const key = randomBytes(32);

  it('round-trips files of awkward sizes, never storing the plain bytes', async () => {
    const dir = scratch();
    for (const size of [0, 1, DEFAULT_CHUNK_SIZE - 1, DEFAULT_CHUNK_SIZE, DEFAULT_CHUNK_SIZE + 1, 3 * DEFAULT_CHUNK_SIZE + 12345]) {
      const plain = randomBytes(size);
      const file = path.join(dir, `f${size}`);
      writeFile(file, key, plain);
      expect(fs.statSync(file).size).toBe(encryptedSize(size));
      expect((await readAll(file, key, size)).equals(plain)).toBe(true);
      if (size > 64) expect(fs.readFileSync(file).includes(plain.subarray(0, 32))).toBe(false);
    }
  });

  it('seeks into a middle chunk, decrypting only what the range touches', async () => {
    const file = path.join(scratch(), 'seek');
    const plain = randomBytes(5 * DEFAULT_CHUNK_SIZE + 100);
    writeFile(file, key, plain);
    const start = 2 * DEFAULT_CHUNK_SIZE + 500;
    const end = 3 * DEFAULT_CHUNK_SIZE + 10;
    expect((await readAll(file, key, plain.byteLength, start, end)).equals(plain.subarray(start, end + 1))).toBe(true);
    // Damage chunk 0: a read of chunk 2 alone still works (it never looked at chunk 0)...
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.from([0xff ^ fs.readFileSync(file)[HEADER_SIZE + 20]!]), 0, 1, HEADER_SIZE + 20);
    fs.closeSync(fd);
    expect((await readAll(file, key, plain.byteLength, start, start + 99)).equals(plain.subarray(start, start + 100))).toBe(true);
    // ...and a read from the start fails on chunk 0.
    await expect(readAll(file, key, plain.byteLength, 0, 10)).rejects.toThrow(TamperedFileError);
  });

  it('detects a flipped byte, a wrong key, another file id, a truncated or reordered file', async () => {
    const dir = scratch();
    const plain = randomBytes(3 * DEFAULT_CHUNK_SIZE + 7);
    const file = path.join(dir, 'x');
    writeFile(file, key, plain);
    const original = fs.readFileSync(file);

    const flipped = Buffer.from(original);
    flipped[original.byteLength - 5]! ^= 1;
    fs.writeFileSync(file, flipped);
    await expect(readAll(file, key, plain.byteLength)).rejects.toThrow(TamperedFileError);

    fs.writeFileSync(file, original);
    await expect(readAll(file, randomBytes(32), plain.byteLength)).rejects.toThrow(TamperedFileError);
    await expect(readAll(file, key, plain.byteLength, 0, plain.byteLength - 1, '1f8fad5b-d9cb-469f-a165-70867728950e')).rejects.toThrow(TamperedFileError);

    // Dropping the last chunk and claiming a shorter file: the new last chunk was not sealed as last.
    const sealed = 12 + DEFAULT_CHUNK_SIZE + 16;
    fs.writeFileSync(file, original.subarray(0, HEADER_SIZE + 3 * sealed));
    await expect(readAll(file, key, 3 * DEFAULT_CHUNK_SIZE)).rejects.toThrow(TamperedFileError);

    const swapped = Buffer.from(original);
    original.copy(swapped, HEADER_SIZE, HEADER_SIZE + sealed, HEADER_SIZE + 2 * sealed);
    original.copy(swapped, HEADER_SIZE + sealed, HEADER_SIZE, HEADER_SIZE + sealed);
    fs.writeFileSync(file, swapped);
    await expect(readAll(file, key, plain.byteLength)).rejects.toThrow(TamperedFileError);
    await expect(readAll(file, key, plain.byteLength + 1)).rejects.toThrow(/wrong size/);
  });

  it('resumes from whole chunks: a partial chunk after a crash is cut off and written again', async () => {
    const file = path.join(scratch(), 'resume');
    const plain = randomBytes(4 * DEFAULT_CHUNK_SIZE + 3);
    const w1 = EncryptedFileWriter.open(file, key, ID, { totalSize: plain.byteLength });
    w1.append(plain.subarray(0, 2 * DEFAULT_CHUNK_SIZE + 999));
    w1.sync();
    expect(w1.durablePlainBytes).toBe(2 * DEFAULT_CHUNK_SIZE);
    w1.close();
    // Garbage past the last whole chunk, as a torn write would leave.
    fs.appendFileSync(file, randomBytes(500));
    const w2 = EncryptedFileWriter.open(file, key, ID, { totalSize: plain.byteLength, resumeChunks: 2 });
    w2.append(plain.subarray(2 * DEFAULT_CHUNK_SIZE));
    w2.finish();
    w2.close();
    expect((await readAll(file, key, plain.byteLength)).equals(plain)).toBe(true);
    const w3 = EncryptedFileWriter.open(path.join(path.dirname(file), 'short'), key, ID, { totalSize: 10 });
    w3.append(Buffer.alloc(5));
    expect(() => w3.finish()).toThrow(/ended at/);
    w3.close();
  });

  it('derives a different key per licence, track and quality', () => {
    const secret = randomBytes(32).toString('base64url');
    const base = { secret, licenceId: ID, trackId: '2c5ea4c0-4067-11e9-8bad-9b1deb4d3b7d', quality: 'high' };
    const k = deriveFileKey(base);
    expect(k).toHaveLength(32);
    expect(deriveFileKey(base).equals(k)).toBe(true);
    expect(deriveFileKey({ ...base, quality: 'low' }).equals(k)).toBe(false);
    expect(deriveFileKey({ ...base, licenceId: '1f8fad5b-d9cb-469f-a165-70867728950e' }).equals(k)).toBe(false);
    expect(() => deriveFileKey({ ...base, secret: 'short' })).toThrow(/32 bytes/);
  });

  it('keeps the master key in a 0600 file outside the database and binds wrapped keys to their row', () => {
    const dir = path.join(scratch(), 'keys');
    const master = openMasterKey(dir);
    expect(master.protection).toBe('file');
    expect(fs.statSync(path.join(dir, 'downloads.key')).mode & 0o777).toBe(0o600);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    const wrapped = master.wrap(key, 'row-1');
    expect(wrapped.includes(key)).toBe(false);
    expect(openMasterKey(dir).unwrap(wrapped, 'row-1').equals(key)).toBe(true);
    expect(() => master.unwrap(wrapped, 'row-2')).toThrow();
    const altered = Buffer.from(wrapped);
    altered[15]! ^= 1;
    expect(() => master.unwrap(altered, 'row-1')).toThrow();
    // Another install's master key opens nothing.
    expect(() => openMasterKey(path.join(scratch(), 'other')).unwrap(wrapped, 'row-1')).toThrow();
  });

  it('stores the master key sealed when an OS protector is given', () => {
    const dir = path.join(scratch(), 'keys');
    const pad = randomBytes(32);
    // A reversible stand-in for safeStorage: XOR with a pad the test holds.
    const protector: KeyProtector = { name: 'xor-test', encrypt: (b) => Buffer.from(b.map((x, i) => x ^ pad[i % 32]!)), decrypt: (b) => Buffer.from(b.map((x, i) => x ^ pad[i % 32]!)) };
    const master = openMasterKey(dir, protector);
    expect(master.protection).toBe('xor-test');
    const wrapped = master.wrap(key, 'r');
    expect(openMasterKey(dir, protector).unwrap(wrapped, 'r').equals(key)).toBe(true);
    expect(fs.existsSync(path.join(dir, 'downloads.key'))).toBe(false);
  });

  it('opens the master key lazily: a damaged key file fails the operation, not the start', () => {
    const dir = path.join(scratch(), 'keys');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'downloads.key'), Buffer.alloc(7));
    const master = lazyMasterKey(() => openMasterKey(dir));
    expect(() => master.wrap(key, 'r')).toThrow(/damaged/);
  });
});
