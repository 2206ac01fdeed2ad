import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { TrackResponse, UploadStatus, type PublishTrackRequest } from '@encore/shared/api/catalog';
import type { DatabaseHandle } from '../db/database';
import { startCatalogWorkers } from '../jobs/processTrack';
import type { JobQueue } from '../jobs/queue';
import { registerAccount } from './accounts';
import { sha256 } from './audio';
import { testApp, type TestApp } from './harness';

export const CHUNK = 64 * 1024;
export const CATALOG_RETRY = { retryLimit: 1, retryDelayMs: 10 };

/** An app with a scratch media folder, fast retries, a 4-second duration limit and its workers running. */
export async function catalogApp(handle: DatabaseHandle, jobs?: JobQueue): Promise<{ t: TestApp; dir: string; dispose: () => Promise<void> }> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'encore-catalog-'));
  const t = testApp(handle, { config: { dataDir: path.join(dir, 'data') }, catalog: { processing: CATALOG_RETRY, duration: { minMs: 1000, maxMs: 4000 } }, ...(jobs ? { jobs } : {}) });
  await startCatalogWorkers({ db: handle.db, catalog: t.services.catalog, clock: t.clock, log: t.services.log });
  return {
    t,
    dir,
    dispose: async () => {
      await t.services.catalog.jobs.close();
      await fs.promises.rm(dir, { recursive: true, force: true });
    },
  };
}

export const artistAccount = (t: TestApp, name = 'ada') => registerAccount(t, name, { role: 'artist' });

export async function openUpload(t: TestApp, token: string, bytes: Uint8Array, filename = 'master.wav', hash = sha256(bytes)): Promise<UploadStatus> {
  const res = await t.call('POST', '/api/uploads', { token, json: { size: bytes.byteLength, sha256: hash, contentType: 'audio/wav', filename, chunkSize: CHUNK } });
  expect(res.status, await res.clone().text()).toBe(201);
  return UploadStatus.parse(await res.json());
}

export function sendChunk(t: TestApp, token: string, up: UploadStatus, bytes: Uint8Array, index: number): Promise<Response> {
  const body = bytes.subarray(index * up.chunkSize, Math.min(bytes.byteLength, (index + 1) * up.chunkSize));
  return Promise.resolve(t.app.request(`/api/uploads/${up.id}/chunks/${index}`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' }, body }, { incoming: { socket: { remoteAddress: '203.0.113.7' } } } as never));
}

/** Uploads every chunk and completes; returns the complete response (not asserted). */
export async function uploadAll(t: TestApp, token: string, bytes: Uint8Array, filename?: string, hash?: string): Promise<{ up: UploadStatus; complete: Response }> {
  const up = await openUpload(t, token, bytes, filename, hash);
  for (let i = 0; i < up.chunkCount; i++) expect((await sendChunk(t, token, up, bytes, i)).status).toBe(200);
  return { up, complete: await t.call('POST', `/api/uploads/${up.id}/complete`, { token }) };
}

/** Uploads, publishes and waits for processing; returns the track as its owner sees it. */
export async function publish(t: TestApp, token: string, bytes: Uint8Array, meta: Omit<PublishTrackRequest, 'uploadId'>) {
  const { up, complete } = await uploadAll(t, token, bytes);
  expect(complete.status, await complete.clone().text()).toBe(200);
  const res = await t.call('POST', '/api/tracks', { token, json: { uploadId: up.id, ...meta } });
  expect(res.status, await res.clone().text()).toBe(201);
  const { track } = TrackResponse.parse(await res.json());
  await t.services.catalog.jobs.idle();
  return TrackResponse.parse(await (await t.call('GET', `/api/tracks/${track.id}`, { token })).json()).track;
}
