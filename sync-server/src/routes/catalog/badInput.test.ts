import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { TrackResponse, UploadStatus } from '@encore/shared/api/catalog';
import { expectError, registerAccount } from '../../test/accounts';
import { emptyWav, sha256, sineWav } from '../../test/audio';
import { artistAccount, catalogApp, openUpload, publish, sendChunk, uploadAll } from '../../test/catalog';
import { describeEachDatabase } from '../../test/databases';


// Each case transcodes real audio: minutes on a loaded 2-core machine, not a hang.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });
let wav: Buffer;
let long: Buffer;
let empty: Buffer;
let tmp: string;
beforeAll(async () => {
  tmp = await fs.promises.mkdtemp('/tmp/encore-wav-');
  wav = await sineWav(tmp, 2);
  long = await sineWav(tmp, 5);
  empty = await emptyWav(tmp);
});
afterAll(() => fs.promises.rm(tmp, { recursive: true, force: true }));

/** Every file under a folder, recursively. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.promises.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describeEachDatabase('catalog bad input', (db) => {
  it('refuses fake, truncated, empty and over-long audio, and checksum mismatches, leaving nothing behind', async () => {
    const { t, dispose } = await catalogApp(db());
    try {
      const ada = await artistAccount(t);
      const text = Buffer.from('this is not audio at all\n'.repeat(4000));
      const cases: [Buffer, string][] = [
        [text, 'not-audio'],
        [wav.subarray(0, Math.floor(wav.byteLength * 0.6)), 'truncated'],
        [empty, 'empty'],
        [long, 'too-long'],
      ];
      for (const [bytes, reason] of cases) {
        const { up, complete } = await uploadAll(t, ada.accessToken, bytes, 'song.wav');
        const err = await expectError(complete, 422, 'INVALID_AUDIO');
        expect(err.details?.reason, reason).toBe(reason);
        const after = UploadStatus.parse(await (await t.call('GET', `/api/uploads/${up.id}`, { token: ada.accessToken })).json());
        expect(after.state).toBe('failed');
        await expectError(await t.call('POST', '/api/tracks', { token: ada.accessToken, json: { uploadId: up.id, title: 'x' } }), 409, 'UPLOAD_INCOMPLETE');
      }
      const { complete } = await uploadAll(t, ada.accessToken, wav, 'song.wav', sha256(Buffer.from('other')));
      await expectError(complete, 422, 'CHECKSUM_MISMATCH');
      const media = path.join(t.config.dataDir, 'server', 'media');
      expect(await filesUnder(path.join(media, 'blobs'))).toEqual([]);
      expect(await filesUnder(path.join(media, 'uploads'))).toEqual([]);
      expect(await filesUnder(path.join(media, 'work'))).toEqual([]);
    } finally {
      await dispose();
    }
  });

  it('keeps file names out of paths, stores HTML titles as inert text, and checks roles and chunks', async () => {
    const { t, dir, dispose } = await catalogApp(db());
    try {
      const ada = await artistAccount(t);
      const up = await openUpload(t, ada.accessToken, wav, '../../../../etc/passwd\u0000<script>.wav');
      // The control character becomes a space and the tag goes: metadata only, never a path.
      expect(up.filename).toBe('passwd .wav');
      await expectError(await t.call('PUT', `/api/uploads/${up.id}/chunks/..%2F..%2Fescape`, { token: ada.accessToken, body: 'x', headers: { 'content-type': 'application/octet-stream' } }), 400, 'VALIDATION_FAILED');
      await expectError(await t.call('PUT', `/api/uploads/${up.id}/chunks/-1`, { token: ada.accessToken, body: 'x', headers: { 'content-type': 'application/octet-stream' } }), 400, 'VALIDATION_FAILED');
      await expectError(await t.call('PUT', `/api/uploads/${up.id}/chunks/${up.chunkCount}`, { token: ada.accessToken, body: 'x', headers: { 'content-type': 'application/octet-stream' } }), 400, 'VALIDATION_FAILED');
      await expectError(await t.call('PUT', `/api/uploads/${up.id}/chunks/0`, { token: ada.accessToken, body: 'short', headers: { 'content-type': 'application/octet-stream' } }), 400, 'VALIDATION_FAILED');
      await expectError(await t.call('GET', '/api/uploads/..%2F..%2Fetc%2Fpasswd', { token: ada.accessToken }), 400, 'VALIDATION_FAILED');
      // Everything written stays inside the data folder, under hashes and uuids.
      const track = await publish(t, ada.accessToken, wav, { title: '<script>alert(1)</script>Rock &amp; <b>Roll</b> < 3', tags: ['<img src=x onerror=alert(1)>live'] });
      expect(track.title).toBe('alert(1)Rock &amp; Roll < 3');
      expect(track.tags).toEqual(['live']);
      const res = await t.call('GET', `/api/tracks/${track.id}`);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(TrackResponse.parse(await res.json()).track.title).not.toMatch(/<script|<b>/);
      const written = await filesUnder(dir);
      expect(written.length).toBeGreaterThan(0);
      for (const f of written) expect(path.basename(f)).toMatch(/^[0-9a-f]{64}$/);
      await expectError(await t.call('POST', '/api/tracks', { token: ada.accessToken, json: { uploadId: up.id, title: '<b></b>' } }), 400, 'VALIDATION_FAILED');

      const lis = await registerAccount(t, 'lis');
      await expectError(await t.call('POST', '/api/uploads', { token: lis.accessToken, json: { size: 10, sha256: sha256(wav), contentType: 'audio/wav', filename: 'a.wav' } }), 403, 'FORBIDDEN');
      await expectError(await t.call('POST', '/api/tracks', { token: lis.accessToken, json: { uploadId: up.id, title: 'Mine now' } }), 403, 'FORBIDDEN');
      await expectError(await t.call('POST', '/api/albums', { token: lis.accessToken, json: { title: 'A', albumType: 'single' } }), 403, 'FORBIDDEN');
      await expectError(await sendChunk(t, lis.accessToken, up, wav, 0), 403, 'FORBIDDEN');
      // Another artist cannot see or use someone else's upload.
      const eve = await artistAccount(t, 'eve');
      await expectError(await t.call('GET', `/api/uploads/${up.id}`, { token: eve.accessToken }), 404, 'UPLOAD_NOT_FOUND');
      await expectError(await t.call('POST', '/api/tracks', { token: eve.accessToken, json: { uploadId: up.id, title: 'Stolen' } }), 404, 'UPLOAD_NOT_FOUND');
    } finally {
      await dispose();
    }
  });
});
