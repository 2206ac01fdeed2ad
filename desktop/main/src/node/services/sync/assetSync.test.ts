import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AssetTransfer } from '@encore/shared/host/collab';
import { root } from '@encore/shared/project/schema/layout';
import { tempDir } from '../../db/testing';
import { silentLogger } from '../../logger';
import { LiveSyncServer } from '../downloads/testing/liveSyncServer';
import { BlobStore } from '../projects/BlobStore';
import { AssetSync } from './assetSync';
import { BlobApi } from './blobApi';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function json(url: string, method: string, body: unknown, token?: string): Promise<Record<string, unknown>> {
  const res = await fetch(url, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

/** A desktop's side: its own blob folder, an AssetSync that counts the requests it makes. */
function desktop(dir: string, name: string, base: string, token: string) {
  const blobs = new BlobStore({ root: path.join(dir, name) });
  const events: AssetTransfer[] = [];
  const requests: string[] = [];
  const counting: typeof fetch = (input, init) => {
    requests.push(init?.method ?? 'GET');
    return fetch(input, init);
  };
  const assets = new AssetSync({ blobs, syncServerUrl: () => base, accessToken: async () => token, emit: (t) => events.push(t), log: silentLogger(), api: new BlobApi({ fetch: counting }), retryMs: 200, debounceMs: 20 });
  return { blobs, events, requests, assets };
}

/** A project document listing `hashes` as assets, as the studio writes them. */
function docWith(assets: [string, number][]): Y.Doc {
  const doc = new Y.Doc();
  for (const [hash, byteLength] of assets) root(doc, 'assets').set(hash, { hash, name: 'take.wav', mimeType: 'audio/wav', byteLength, durationSeconds: 1, sampleRate: 48000, channels: 1 });
  return doc;
}

async function until(cond: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('AssetSync against the real sync-server', () => {
  let tmp: ReturnType<typeof tempDir>;
  let server: LiveSyncServer;
  let alice: string;
  let bob: string;
  let bobName: string;
  beforeAll(async () => {
    tmp = tempDir('encore-assets-');
    server = await LiveSyncServer.start(path.join(tmp.dir, 'server'));
    const users = [];
    for (const name of ['alice', 'bob']) {
      const username = `${name}${randomBytes(3).toString('hex')}`;
      users.push({ username, token: String((await json(`${server.url}/api/auth/register`, 'POST', { email: `${username}@example.com`, username, password: 'correct horse battery staple' })).accessToken) });
    }
    [alice, bob] = [users[0]!.token, users[1]!.token];
    bobName = users[1]!.username;
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    tmp?.cleanup();
  });

  async function project(members: [string, string][] = []): Promise<string> {
    const p = await json(`${server.url}/api/studio/projects`, 'POST', { name: 'Jam' }, alice);
    const id = String((p.project as { id: string }).id);
    for (const [username, role] of members) await json(`${server.url}/api/studio/projects/${id}/collaborators`, 'POST', { username, role }, alice);
    return id;
  }

  it('uploads once with progress, a collaborator downloads on demand with progress, identical files are not sent twice', async () => {
    const serverProject = await project([[bobName, 'viewer']]);
    const a = desktop(tmp.dir, 'a', server.url, alice);
    const b = desktop(tmp.dir, 'b', server.url, bob);
    // 2.5 MB: more than one chunk (the server takes 1 MiB bodies).
    const bytes = randomBytes(2_500_000);
    const hash = await a.blobs.put(bytes);
    const docA = docWith([[hash, bytes.byteLength]]);
    a.assets.watch('local-a', serverProject, docA, true);
    await until(() => a.events.some((e) => e.direction === 'upload' && e.state === 'done'), 'upload done');
    const ups = a.events.filter((e) => e.direction === 'upload');
    expect(ups.map((e) => e.loaded)).toEqual([...ups.map((e) => e.loaded)].sort((x, y) => x - y));
    expect(ups.some((e) => e.state === 'active' && e.loaded > 0 && e.loaded < bytes.byteLength)).toBe(true);
    expect(a.requests.filter((m) => m === 'PUT')).toHaveLength(3);
    expect(a.assets.list('local-a')).toEqual([]);

    // Bob (a viewer) opens the project: the clip's asset is missing here, so it is fetched.
    const docB = docWith([[hash, bytes.byteLength]]);
    b.assets.watch('local-b', serverProject, docB, false);
    await until(() => b.events.some((e) => e.direction === 'download' && e.state === 'done'), 'download done');
    expect(Buffer.from(await b.blobs.get(hash)).equals(bytes)).toBe(true);
    expect(b.events.some((e) => e.state === 'active' && e.loaded > 0)).toBe(true);
    expect(b.requests.filter((m) => m === 'PUT')).toEqual([]);

    // The same file in Alice's next project: HEAD links it, no byte is sent again.
    const second = await project();
    const putsBefore = a.requests.filter((m) => m === 'PUT').length;
    a.assets.watch('local-a2', second, docWith([[hash, bytes.byteLength]]), true);
    await a.assets.idle('local-a2');
    expect(a.requests.filter((m) => m === 'PUT').length).toBe(putsBefore);
    const head = await fetch(`${server.url}/api/studio/projects/${second}/blobs/${hash}`, { method: 'HEAD', headers: { authorization: `Bearer ${alice}` } });
    expect(head.status).toBe(200);
    for (const d of [a, b]) d.assets.dispose();
  }, 120_000);

  it('a clip whose asset is not uploaded yet waits, then arrives once its owner uploads it', async () => {
    const serverProject = await project([[bobName, 'editor']]);
    const a = desktop(tmp.dir, 'a3', server.url, alice);
    const b = desktop(tmp.dir, 'b3', server.url, bob);
    const bytes = randomBytes(10_000);
    const hash = sha(bytes);
    b.assets.watch('local-b', serverProject, docWith([[hash, bytes.byteLength]]), true);
    await until(() => b.assets.list('local-b').some((t) => t.state === 'failed' && /not on the server yet/.test(t.error ?? '')), 'waiting state');
    // Alice adds the file to her copy of the document; her host uploads it.
    await a.blobs.put(bytes);
    const docA = docWith([]);
    a.assets.watch('local-a', serverProject, docA, true);
    root(docA, 'assets').set(hash, { hash, name: 'late.wav', mimeType: 'audio/wav', byteLength: bytes.byteLength, durationSeconds: 1, sampleRate: 48000, channels: 1 });
    await until(() => a.events.some((e) => e.state === 'done'), 'upload after the asset was added');
    await until(async () => b.blobs.has(hash), 'retried download');
    expect(b.assets.list('local-b')).toEqual([]);
    for (const d of [a, b]) d.assets.dispose();
  }, 120_000);
});
