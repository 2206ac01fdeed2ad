import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ProjectResponse } from '@encore/shared/api/studio';
import type { BlobStorageConfig } from '../../config';
import { projectBlobOrphans, uploads } from '../../db/schema/index';
import { registerAccount } from '../../test/accounts';
import { describeEachDatabase } from '../../test/databases';
import { testApp, type TestApp } from '../../test/harness';
import { startTestS3, type TestS3 } from '../../test/s3';
import type { BlobStore } from '../blobs/blobStore';
import { createBlobStore } from '../blobs/createBlobStore';
import { ProjectBlobGc } from './projectBlobGc';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const DAY = 86_400_000;
const GRACE = 7 * DAY;
const log = pino({ level: 'silent' });

describeEachDatabase('project blob garbage collection', (db) => {
  let dir: string;
  let s3: TestS3;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'encore-blob-gc-'));
    s3 = await startTestS3();
  }, 120_000);
  afterAll(async () => {
    await s3?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const stores: [string, () => BlobStorageConfig][] = [
    ['local folder', () => ({ kind: 'local', dir: path.join(dir, `blobs-${randomBytes(4).toString('hex')}`) })],
    ['S3 (s3rver)', () => ({ ...s3.storage, prefix: `gc-${randomBytes(4).toString('hex')}/` })],
  ];

  /** An app on its own store, and a collector over the same store whose clock is `days` ahead of now. */
  function setup(storage: BlobStorageConfig) {
    const t = testApp(db(), { config: { studioBlobs: { storage, uploadDir: path.join(dir, `uploads-${randomBytes(4).toString('hex')}`), maxBytes: 1024 * 1024 } } });
    const store = createBlobStore(storage);
    const gcAt = (days: number, o: { sharedWithCatalog?: boolean } = {}) =>
      new ProjectBlobGc({ db: db().db, store, graceMs: GRACE, sharedWithCatalog: o.sharedWithCatalog ?? storage.kind === 'local', now: () => new Date(Date.now() + days * DAY), log }).run();
    return { t, store, gcAt };
  }
  async function project(t: TestApp, token: string): Promise<string> {
    const res = await t.call('POST', '/api/studio/projects', { token, json: { name: 'Jam' } });
    return ProjectResponse.parse(await res.json()).project.id;
  }
  async function upload(t: TestApp, token: string, id: string, bytes: Uint8Array): Promise<number> {
    const res = await t.app.request(`/api/studio/projects/${id}/blobs/${sha(bytes)}`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' }, body: bytes });
    return res.status;
  }
  const candidate = async (hash: string) => (await db().db.select().from(projectBlobOrphans).where(eq(projectBlobOrphans.sha256, hash)))[0];
  const present = async (store: BlobStore, hash: string) => (await store.stat(hash)) !== null;

  for (const [name, storage] of stores) {
    it(`${name}: deletes a blob of a deleted project after the grace period; one another project still links stays`, async () => {
      const { t, store, gcAt } = setup(storage());
      const owner = await registerAccount(t, `gc${randomBytes(3).toString('hex')}`);
      const [p1, p2] = [await project(t, owner.accessToken), await project(t, owner.accessToken)];
      const [only, shared] = [randomBytes(5000), randomBytes(7000)];
      expect(await upload(t, owner.accessToken, p1, only)).toBe(201);
      expect(await upload(t, owner.accessToken, p1, shared)).toBe(201);
      // The second project links the shared one (HEAD by a writer who can read it elsewhere).
      expect((await t.call('HEAD', `/api/studio/projects/${p2}/blobs/${sha(shared)}`, { token: owner.accessToken })).status).toBe(200);
      // Linked blobs are never collected, however old.
      expect((await gcAt(30)).deleted).toBe(0);
      expect(await present(store, sha(only))).toBe(true);

      expect((await t.call('DELETE', `/api/studio/projects/${p1}`, { token: owner.accessToken })).status).toBe(204);
      expect(await candidate(sha(only))).toBeDefined();
      expect(await candidate(sha(shared))).toBeUndefined(); // p2 still links it
      // Within the grace period: kept.
      expect((await gcAt(1)).deleted).toBe(0);
      expect(await present(store, sha(only))).toBe(true);
      // Past it: the orphan goes, the shared one stays and still serves.
      const r = await gcAt(8);
      expect(r.deleted).toBeGreaterThanOrEqual(1);
      expect(await present(store, sha(only))).toBe(false);
      expect(await candidate(sha(only))).toBeUndefined();
      expect(await present(store, sha(shared))).toBe(true);
      const get = await t.call('GET', `/api/studio/projects/${p2}/blobs/${sha(shared)}`, { token: owner.accessToken });
      expect(Buffer.from(await get.arrayBuffer()).equals(shared)).toBe(true);
      // Uploading it again later stores it again.
      expect(await upload(t, owner.accessToken, p2, only)).toBe(201);
      expect(Buffer.from(await (await t.call('GET', `/api/studio/projects/${p2}/blobs/${sha(only)}`, { token: owner.accessToken })).arrayBuffer()).equals(only)).toBe(true);
    }, 60_000);

    it(`${name}: never collects an upload in progress (stored, not yet linked) within the grace period, but collects one a crash left behind`, async () => {
      const { store, gcAt } = setup(storage());
      const bytes = randomBytes(3000);
      const hash = sha(bytes);
      // What ProjectBlobs does before linking: note the candidate, then store the bytes.
      await db().db.insert(projectBlobOrphans).values({ sha256: hash, since: new Date() });
      const file = path.join(dir, `part-${randomBytes(4).toString('hex')}`);
      fs.writeFileSync(file, bytes);
      await store.putFile(file, hash);
      expect((await gcAt(0.5)).deleted).toBe(0);
      expect(await present(store, hash)).toBe(true);
      // Never linked (the server died in between): collected once the grace period is over.
      await gcAt(8);
      expect(await present(store, hash)).toBe(false);
      expect(await candidate(hash)).toBeUndefined();
    }, 60_000);

    it(`${name}: a blob linked again before the collector runs is kept and stops being a candidate`, async () => {
      const { t, store, gcAt } = setup(storage());
      const owner = await registerAccount(t, `gd${randomBytes(3).toString('hex')}`);
      const [p1, p3] = [await project(t, owner.accessToken), await project(t, owner.accessToken)];
      const bytes = randomBytes(4000);
      expect(await upload(t, owner.accessToken, p1, bytes)).toBe(201);
      expect((await t.call('DELETE', `/api/studio/projects/${p1}`, { token: owner.accessToken })).status).toBe(204);
      expect(await candidate(sha(bytes))).toBeDefined();
      // Uploaded again to another project: the store has it, so it is linked without new bytes.
      expect(await upload(t, owner.accessToken, p3, bytes)).toBe(201);
      const r = await gcAt(8);
      expect(r.stillReferenced).toBeGreaterThanOrEqual(1);
      expect(await present(store, sha(bytes))).toBe(true);
      expect(await candidate(sha(bytes))).toBeUndefined();
    }, 60_000);
  }

  it('local folder: keeps an orphan the catalog refers to (shared folder), and one written again within the grace period', async () => {
    const { t, store, gcAt } = setup(stores[0]![1]());
    const owner = await registerAccount(t, `ge${randomBytes(3).toString('hex')}`);
    const p = await project(t, owner.accessToken);
    const [master, again] = [randomBytes(6000), randomBytes(6000)];
    for (const b of [master, again]) expect(await upload(t, owner.accessToken, p, b)).toBe(201);
    expect((await t.call('DELETE', `/api/studio/projects/${p}`, { token: owner.accessToken })).status).toBe(204);
    // The same bytes are a catalog upload's master.
    const now = new Date();
    await db().db.insert(uploads).values({ ownerId: owner.user.id, sizeBytes: master.byteLength, sha256: sha(master), contentType: 'audio/wav', filename: 'm.wav', chunkSize: 8192, chunkCount: 1, state: 'complete', createdAt: now, updatedAt: now });
    // The catalog stored the other one's bytes just now (its own putFile): new again.
    const file = path.join(dir, `again-${randomBytes(4).toString('hex')}`);
    fs.writeFileSync(file, again);
    // Its candidate is old (as if the project went 8 days ago); the file is a second old.
    await db().db.update(projectBlobOrphans).set({ since: new Date(Date.now() - 8 * DAY) }).where(eq(projectBlobOrphans.sha256, sha(again)));
    await store.putFile(file, sha(again));
    await new ProjectBlobGc({ db: db().db, store, graceMs: GRACE, sharedWithCatalog: true, now: () => new Date(), log }).run();
    expect(await present(store, sha(again))).toBe(true);
    expect((await candidate(sha(again)))!.since.getTime()).toBeGreaterThan(Date.now() - DAY);
    await gcAt(8);
    expect(await present(store, sha(master))).toBe(true);
    expect(await candidate(sha(master))).toBeUndefined();
  }, 60_000);
});
