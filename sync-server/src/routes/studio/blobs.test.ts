import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BLOB_CHUNK_LIMIT_HEADER, BLOB_UPLOAD_OFFSET_HEADER, BlobUploadResponse, ProjectResponse, type StudioRole } from '@encore/shared/api/studio';
import type { BlobStorageConfig } from '../../config';
import { createBlobStore } from '../../services/blobs/createBlobStore';
import { expectError, registerAccount } from '../../test/accounts';
import { describeEachDatabase } from '../../test/databases';
import { testApp, type TestApp } from '../../test/harness';
import { startTestS3, type TestS3 } from '../../test/s3';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const CHUNK = 64 * 1024;

describeEachDatabase('studio project blobs (HEAD/PUT/GET /api/studio/projects/:id/blobs/:sha256)', (db) => {
  let dir: string;
  let s3: TestS3;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'encore-studio-blobs-'));
    s3 = await startTestS3();
  }, 120_000);
  afterAll(async () => {
    await s3?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function app(storage: BlobStorageConfig = { kind: 'local', dir: path.join(dir, `blobs-${randomBytes(4).toString('hex')}`) }) {
    const t = testApp(db(), { config: { bodyLimitBytes: CHUNK, studioBlobs: { storage, uploadDir: path.join(dir, `uploads-${randomBytes(4).toString('hex')}`), maxBytes: 1024 * 1024 } } });
    return { t, storage };
  }
  async function project(t: TestApp, token: string, members: [string, StudioRole][] = []): Promise<string> {
    const res = await t.call('POST', '/api/studio/projects', { token, json: { name: 'Jam' } });
    const id = ProjectResponse.parse(await res.json()).project.id;
    for (const [username, role] of members) expect((await t.call('POST', `/api/studio/projects/${id}/collaborators`, { token, json: { username, role } })).status).toBe(201);
    return id;
  }
  function put(t: TestApp, token: string, id: string, hash: string, bytes: Uint8Array, range?: { start: number; total: number }) {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' };
    if (range) headers['content-range'] = `bytes ${range.start}-${range.start + bytes.byteLength - 1}/${range.total}`;
    return Promise.resolve(t.app.request(`/api/studio/projects/${id}/blobs/${hash}`, { method: 'PUT', headers, body: bytes }));
  }
  const head = (t: TestApp, token: string, id: string, hash: string) => t.call('HEAD', `/api/studio/projects/${id}/blobs/${hash}`, { token });
  const get = (t: TestApp, token: string, id: string, hash: string, headers: Record<string, string> = {}) => t.call('GET', `/api/studio/projects/${id}/blobs/${hash}`, { token, headers });
  /** Uploads in chunks the way the desktop does, resuming from HEAD's offset. */
  async function upload(t: TestApp, token: string, id: string, bytes: Uint8Array): Promise<number> {
    const hash = sha(bytes);
    let status = 0;
    for (let start = Number((await head(t, token, id, hash)).headers.get(BLOB_UPLOAD_OFFSET_HEADER) ?? 0); start < bytes.byteLength; start += CHUNK) {
      status = (await put(t, token, id, hash, bytes.subarray(start, start + CHUNK), { start, total: bytes.byteLength })).status;
    }
    return status;
  }

  it('uploads in resumable chunks, verifies the SHA-256, serves the bytes and ranges to members', async () => {
    const { t } = app();
    const owner = await registerAccount(t, 'bowner');
    const id = await project(t, owner.accessToken);
    const bytes = randomBytes(3 * CHUNK + 123);
    const hash = sha(bytes);
    const first = await head(t, owner.accessToken, id, hash);
    expect(first.status).toBe(404);
    expect(first.headers.get(BLOB_UPLOAD_OFFSET_HEADER)).toBe('0');
    expect(first.headers.get(BLOB_CHUNK_LIMIT_HEADER)).toBe(String(CHUNK));
    // One chunk, then the "connection drops": HEAD says where to resume.
    const part = await put(t, owner.accessToken, id, hash, bytes.subarray(0, CHUNK), { start: 0, total: bytes.byteLength });
    expect(part.status).toBe(202);
    expect(BlobUploadResponse.parse(await part.json())).toEqual({ sha256: hash, complete: false, offset: CHUNK });
    expect((await head(t, owner.accessToken, id, hash)).headers.get(BLOB_UPLOAD_OFFSET_HEADER)).toBe(String(CHUNK));
    // A chunk from the wrong offset is refused with the offset to resume from.
    const wrong = await expectError(await put(t, owner.accessToken, id, hash, bytes.subarray(2 * CHUNK, 3 * CHUNK), { start: 2 * CHUNK, total: bytes.byteLength }), 409, 'CONFLICT');
    expect(wrong.details).toMatchObject({ offset: CHUNK });
    expect(await upload(t, owner.accessToken, id, bytes)).toBe(201);
    const held = await head(t, owner.accessToken, id, hash);
    expect(held.status).toBe(200);
    expect(held.headers.get('content-length')).toBe(String(bytes.byteLength));
    const whole = await get(t, owner.accessToken, id, hash);
    expect(whole.status).toBe(200);
    expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true);
    const ranged = await get(t, owner.accessToken, id, hash, { range: 'bytes=10-19' });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe(`bytes 10-19/${bytes.byteLength}`);
    expect(Buffer.from(await ranged.arrayBuffer()).equals(bytes.subarray(10, 20))).toBe(true);
    await expectError(await get(t, owner.accessToken, id, hash, { range: 'bytes=999999-' }), 416, 'RANGE_NOT_SATISFIABLE');
    // Sending it again is a no-op that reports it complete.
    expect((await put(t, owner.accessToken, id, hash, bytes.subarray(0, 10), { start: 0, total: bytes.byteLength })).status).toBe(201);
  });

  it('discards bytes that do not match their SHA-256, and enforces size limits', async () => {
    const { t } = app();
    const owner = await registerAccount(t, 'cowner');
    const id = await project(t, owner.accessToken);
    const bytes = randomBytes(1000);
    const claimed = sha(randomBytes(1000));
    await expectError(await put(t, owner.accessToken, id, claimed, bytes), 422, 'CHECKSUM_MISMATCH');
    const after = await head(t, owner.accessToken, id, claimed);
    expect(after.status).toBe(404);
    expect(after.headers.get(BLOB_UPLOAD_OFFSET_HEADER)).toBe('0');
    await expectError(await put(t, owner.accessToken, id, sha(bytes), bytes.subarray(0, 10), { start: 0, total: 2 * 1024 * 1024 }), 413, 'PAYLOAD_TOO_LARGE');
    await expectError(await put(t, owner.accessToken, id, sha(bytes), randomBytes(CHUNK + 1)), 413, 'PAYLOAD_TOO_LARGE');
    await expectError(await put(t, owner.accessToken, id, sha(bytes), bytes, { start: 5, total: 1000 }), 400, 'VALIDATION_FAILED');
    await expectError(await put(t, owner.accessToken, id, 'ABC', bytes), 400, 'VALIDATION_FAILED');
    const text = await t.app.request(`/api/studio/projects/${id}/blobs/${sha(bytes)}`, { method: 'PUT', headers: { authorization: `Bearer ${owner.accessToken}`, 'content-type': 'text/plain' }, body: 'x' });
    await expectError(text, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('members only: viewers read, editors write, others see nothing', async () => {
    const { t } = app();
    const owner = await registerAccount(t, 'downer');
    const editor = await registerAccount(t, 'deditor');
    const viewer = await registerAccount(t, 'dviewer');
    const stranger = await registerAccount(t, 'dstranger');
    const id = await project(t, owner.accessToken, [['deditor', 'editor'], ['dviewer', 'viewer']]);
    const bytes = randomBytes(5000);
    const hash = sha(bytes);
    expect(await upload(t, editor.accessToken, id, bytes)).toBe(201);
    expect((await head(t, viewer.accessToken, id, hash)).status).toBe(200);
    expect(Buffer.from(await (await get(t, viewer.accessToken, id, hash)).arrayBuffer()).equals(bytes)).toBe(true);
    const other = randomBytes(100);
    await expectError(await put(t, viewer.accessToken, id, sha(other), other), 403, 'FORBIDDEN');
    // A viewer is not told about partial uploads.
    expect((await head(t, viewer.accessToken, id, sha(other))).headers.get(BLOB_UPLOAD_OFFSET_HEADER)).toBeNull();
    for (const res of [await head(t, stranger.accessToken, id, hash), await get(t, stranger.accessToken, id, hash), await put(t, stranger.accessToken, id, hash, bytes)]) expect(res.status).toBe(404);
    expect((await t.call('GET', `/api/studio/projects/${id}/blobs/${hash}`)).status).toBe(401);
  });

  it('never uploads a blob twice: linked from the user’s other project, stored once, without leaking to strangers', async () => {
    const { t, storage } = app();
    const alice = await registerAccount(t, 'ealice');
    const bob = await registerAccount(t, 'ebob');
    const first = await project(t, alice.accessToken);
    const second = await project(t, alice.accessToken);
    const bobs = await project(t, bob.accessToken);
    const bytes = randomBytes(2 * CHUNK);
    const hash = sha(bytes);
    expect(await upload(t, alice.accessToken, first, bytes)).toBe(201);
    // Alice's second project: HEAD links the copy she can already read; nothing is sent.
    const linked = await head(t, alice.accessToken, second, hash);
    expect(linked.status).toBe(200);
    expect(Buffer.from(await (await get(t, alice.accessToken, second, hash)).arrayBuffer()).equals(bytes)).toBe(true);
    // Bob is in neither of Alice's projects: the server does not tell him it has the blob.
    const probe = await head(t, bob.accessToken, bobs, hash);
    expect(probe.status).toBe(404);
    expect(probe.headers.get(BLOB_UPLOAD_OFFSET_HEADER)).toBe('0');
    expect((await get(t, bob.accessToken, bobs, hash)).status).toBe(404);
    // He proves he has it by uploading; the store still holds one copy.
    expect(await upload(t, bob.accessToken, bobs, bytes)).toBe(201);
    if (storage.kind === 'local') expect(fs.readdirSync(path.join(storage.dir, hash.slice(0, 2)))).toEqual([hash]);
  });

  it('stores in an S3-compatible bucket when configured (s3rver)', async () => {
    const { t } = app(s3.storage);
    const owner = await registerAccount(t, 'fowner');
    const id = await project(t, owner.accessToken);
    const other = await project(t, owner.accessToken);
    const bytes = randomBytes(2 * CHUNK + 7);
    const hash = sha(bytes);
    expect(await upload(t, owner.accessToken, id, bytes)).toBe(201);
    expect(await createBlobStore(s3.storage).stat(hash)).toEqual({ sizeBytes: bytes.byteLength });
    expect(Buffer.from(await (await get(t, owner.accessToken, id, hash)).arrayBuffer()).equals(bytes)).toBe(true);
    const ranged = await get(t, owner.accessToken, id, hash, { range: 'bytes=-5' });
    expect(Buffer.from(await ranged.arrayBuffer()).equals(bytes.subarray(bytes.byteLength - 5))).toBe(true);
    expect((await head(t, owner.accessToken, other, hash)).status).toBe(200);
    expect(await createBlobStore(s3.storage).stat(sha(randomBytes(8)))).toBeNull();
  });
});
