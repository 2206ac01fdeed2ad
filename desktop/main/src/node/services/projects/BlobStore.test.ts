import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../db/testing';
import { BlobStore, sha256 } from './BlobStore';

describe('BlobStore', () => {
  const tmp = tempDir();
  const blobs = new BlobStore({ root: path.join(tmp.dir, 'blobs') });
  afterAll(() => tmp.cleanup());

  it('stores content under <aa>/<sha256> once and reads it back', async () => {
    const bytes = new TextEncoder().encode('a kick drum, honestly');
    const hash = await blobs.put(bytes);
    expect(hash).toBe(sha256(bytes));
    expect(blobs.pathOf(hash)).toBe(path.join(tmp.dir, 'blobs', hash.slice(0, 2), hash));
    expect(await blobs.put(new Uint8Array(bytes))).toBe(hash);
    expect(fs.readdirSync(path.join(tmp.dir, 'blobs', hash.slice(0, 2)))).toEqual([hash]); // no temp files left
    expect(await blobs.has(hash)).toBe(true);
    expect(Buffer.from(await blobs.get(hash)).toString()).toBe('a kick drum, honestly');
  });

  it('answers NOT_FOUND for a missing blob and INTERNAL for a damaged one', async () => {
    const missing = 'a'.repeat(64);
    expect(await blobs.has(missing)).toBe(false);
    await expect(blobs.get(missing)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const hash = await blobs.put(new Uint8Array([1, 2, 3]));
    fs.writeFileSync(blobs.pathOf(hash), 'tampered');
    await expect(blobs.get(hash)).rejects.toMatchObject({ code: 'INTERNAL', details: { reason: 'blob-corrupt' } });
  });

  it.each(['../../etc/passwd', `../${'a'.repeat(62)}`, 'A'.repeat(64), `${'a'.repeat(63)}/`, '', `${'a'.repeat(64)}\0`, '/'.repeat(64)])('refuses the hash %j before touching the disk', async (bad) => {
    expect(() => blobs.pathOf(bad)).toThrow(/64 lowercase hex/);
    await expect(blobs.has(bad)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(blobs.get(bad)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
