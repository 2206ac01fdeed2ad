import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../db/testing';
import { BlobStore, sha256 } from './BlobStore';
import { createBlobUploadProcedures } from './blobUpload';

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

describe('projects.blobs.*', () => {
  const tmp = tempDir();
  const blobs = new BlobStore({ root: path.join(tmp.dir, 'blobs') });
  afterAll(() => tmp.cleanup());
  const uploads = (root = blobs.root) => (fs.existsSync(path.join(root, '.uploads')) ? fs.readdirSync(path.join(root, '.uploads')) : []);

  it('stores chunks under their hash once the checksum matches, and does not take identical content twice', async () => {
    const p = createBlobUploadProcedures({ blobs });
    const bytes = new TextEncoder().encode('RIFF....WAVE a take of the bass line');
    const hash = sha256(bytes);
    const { uploadId } = await p['projects.blobs.begin']({ byteLength: bytes.byteLength, sha256: hash });
    expect(uploadId).not.toBeNull();
    await Promise.all([p['projects.blobs.chunk']({ uploadId: uploadId!, offset: 0, data: b64(bytes.subarray(0, 10)) }), p['projects.blobs.chunk']({ uploadId: uploadId!, offset: 10, data: b64(bytes.subarray(10)) })]);
    expect(await p['projects.blobs.finish']({ uploadId: uploadId! })).toEqual({ sha256: hash, byteLength: bytes.byteLength });
    expect(await blobs.get(hash)).toEqual(bytes);
    expect(await p['projects.blobs.begin']({ byteLength: bytes.byteLength, sha256: hash })).toEqual({ uploadId: null });
    expect(uploads()).toEqual([]);
  });

  it('refuses damaged, overlong or oversized uploads and stores nothing', async () => {
    const p = createBlobUploadProcedures({ blobs, maxBytes: 64 });
    const bytes = new TextEncoder().encode('twelve bytes');
    const wrong = sha256(new TextEncoder().encode('something else'));
    const a = (await p['projects.blobs.begin']({ byteLength: bytes.byteLength, sha256: wrong })).uploadId!;
    await p['projects.blobs.chunk']({ uploadId: a, offset: 0, data: b64(bytes) });
    await expect(p['projects.blobs.finish']({ uploadId: a })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await blobs.has(wrong)).toBe(false);

    const b = (await p['projects.blobs.begin']({ byteLength: 4, sha256: sha256(bytes) })).uploadId!;
    await expect(p['projects.blobs.chunk']({ uploadId: b, offset: 0, data: b64(bytes) })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(p['projects.blobs.chunk']({ uploadId: b, offset: 0, data: b64(bytes) })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    await expect(p['projects.blobs.begin']({ byteLength: 65, sha256: sha256(bytes) })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const c = (await p['projects.blobs.begin']({ byteLength: bytes.byteLength, sha256: sha256(bytes) })).uploadId!;
    await expect(p['projects.blobs.chunk']({ uploadId: c, offset: 3, data: b64(bytes) })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await blobs.has(sha256(bytes))).toBe(false);
  });

  it('drops an abandoned upload with its temp file', async () => {
    let now = 0;
    const own = new BlobStore({ root: path.join(tmp.dir, 'idle-blobs') });
    const p = createBlobUploadProcedures({ blobs: own, idleMs: 1000, now: () => now });
    const bytes = new TextEncoder().encode('abandoned');
    const { uploadId } = await p['projects.blobs.begin']({ byteLength: bytes.byteLength, sha256: sha256(bytes) });
    expect(uploads(own.root)).toHaveLength(1);
    now = 5000;
    const other = new TextEncoder().encode('other');
    const next = await p['projects.blobs.begin']({ byteLength: other.byteLength, sha256: sha256(other) });
    await expect(p['projects.blobs.finish']({ uploadId: uploadId! })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(uploads(own.root)).toEqual([`${next.uploadId}.tmp`]);
  });
});
