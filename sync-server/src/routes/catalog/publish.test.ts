import fs from 'node:fs';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { AlbumResponse, ArtistPageResponse, AutocompleteResponse, ProcessingStatus, SearchResponse, TrackListResponse, TrackResponse, UploadStatus } from '@encore/shared/api/catalog';
import { expectError, registerAccount } from '../../test/accounts';
import { decodable, sineWav } from '../../test/audio';
import { artistAccount, catalogApp, openUpload, publish, sendChunk } from '../../test/catalog';
import { describeEachDatabase } from '../../test/databases';


// Each case transcodes real audio: minutes on a loaded 2-core machine, not a hang.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });
let wav: Buffer;
let wav2: Buffer;
let tmp: string;
beforeAll(async () => {
  tmp = await fs.promises.mkdtemp('/tmp/encore-wav-');
  wav = await sineWav(tmp, 3, 440);
  wav2 = await sineWav(tmp, 2, 660);
});
afterAll(() => fs.promises.rm(tmp, { recursive: true, force: true }));

describeEachDatabase('catalog publishing', (db) => {
  it('publishes through a resumed upload, processes to ready and serves the catalog reads', async () => {
    const { t, dispose } = await catalogApp(db());
    try {
      const ada = await artistAccount(t);
      const up = await openUpload(t, ada.accessToken, wav);
      expect(up.chunkCount).toBeGreaterThan(4);
      const half = Math.floor(up.chunkCount / 2);
      for (let i = 0; i < half; i++) expect((await sendChunk(t, ada.accessToken, up, wav, i)).status).toBe(200);
      // The connection drops here; the client asks what arrived and resumes, re-sending one chunk.
      const status = UploadStatus.parse(await (await t.call('GET', `/api/uploads/${up.id}`, { token: ada.accessToken })).json());
      expect(status.receivedRanges).toEqual([[0, half * up.chunkSize]]);
      expect(status.missingChunks).toEqual(Array.from({ length: up.chunkCount - half }, (_, i) => half + i));
      await expectError(await t.call('POST', `/api/uploads/${up.id}/complete`, { token: ada.accessToken }), 409, 'UPLOAD_INCOMPLETE');
      for (const i of [half - 1, ...status.missingChunks]) expect((await sendChunk(t, ada.accessToken, up, wav, i)).status).toBe(200);
      const done = UploadStatus.parse(await (await t.call('POST', `/api/uploads/${up.id}/complete`, { token: ada.accessToken })).json());
      expect(done).toMatchObject({ state: 'complete', receivedBytes: wav.byteLength, probe: { format: 'wav', sampleRate: 44100, channels: 2 } });
      expect(done.probe?.durationMs).toBeGreaterThan(2900);

      const albumRes = await t.call('POST', '/api/albums', { token: ada.accessToken, json: { title: 'Night Songs', albumType: 'ep', genres: ['ambient'] } });
      const album = AlbumResponse.parse(await albumRes.json()).album;
      const res = await t.call('POST', '/api/tracks', {
        token: ada.accessToken,
        json: { uploadId: up.id, title: 'Midnight Drive', albumId: album.id, genres: ['Synthwave'], tags: ['night'], explicit: true, isrc: 'US-RC1-76-07839', lyrics: { lrc: '[ar:Ada]\n[00:01.50]Second line\n[00:00.20]First <b>line</b>' }, price: 129, allowPurchase: true },
      });
      expect(res.status, await res.clone().text()).toBe(201);
      const created = TrackResponse.parse(await res.json()).track;
      expect(created.status).toBe('processing');
      await expectError(await t.call('POST', '/api/tracks', { token: ada.accessToken, json: { uploadId: up.id, title: 'Again' } }), 409, 'UPLOAD_INCOMPLETE');
      await t.services.catalog.jobs.idle();

      const progress = ProcessingStatus.parse(await (await t.call('GET', `/api/tracks/${created.id}/processing`, { token: ada.accessToken })).json());
      expect(progress).toMatchObject({ status: 'ready', stage: 'done', progress: 100, attempts: 1, error: null });
      const track = TrackResponse.parse(await (await t.call('GET', `/api/tracks/${created.id}`)).json()).track;
      expect(track).toMatchObject({ title: 'Midnight Drive', isrc: 'USRC17607839', explicit: true, price: 129, trackNumber: 1, albumId: album.id, artistName: 'ada', moderation: 'approved' });
      expect(track.lyrics).toEqual({ type: 'synchronized', content: [{ timeMs: 200, text: 'First line' }, { timeMs: 1500, text: 'Second line' }] });
      expect(track.renditions.map((r) => [r.quality, r.codec, r.bitrateKbps])).toEqual([['low', 'opus', 96], ['normal', 'opus', 160], ['high', 'opus', 320], ['lossless', 'flac', null]]);
      expect(track.loudness?.integratedLufs).toBeGreaterThan(-30);
      expect(track.loudness?.integratedLufs).toBeLessThan(0);
      expect(track.loudness?.truePeakDbtp).toBeLessThanOrEqual(1);
      expect(track.waveform.length).toBeGreaterThan(100);
      expect(Math.max(...track.waveform)).toBeGreaterThan(0.05);
      const { renditions } = await import('../../db/schema/catalog');
      const { eq } = await import('drizzle-orm');
      for (const r of await db().db.select().from(renditions).where(eq(renditions.trackId, track.id))) {
        const probe = await decodable(t.services.catalog.blobs.pathOf(r.blobKey));
        expect(probe.codec).toBe(r.codec);
        expect(probe.durationS).toBeGreaterThan(2.8);
      }

      const second = await publish(t, ada.accessToken, wav2, { title: 'Sunrise Waltz', albumId: album.id });
      expect(second.trackNumber).toBe(2);
      const albumRead = AlbumResponse.parse(await (await t.call('GET', `/api/albums/${album.id}`)).json()).album;
      expect(albumRead.tracks.map((x) => x.title)).toEqual(['Midnight Drive', 'Sunrise Waltz']);
      const page = ArtistPageResponse.parse(await (await t.call('GET', `/api/artists/${track.artistId}`)).json());
      expect(page.albums.map((a) => a.title)).toEqual(['Night Songs']);
      expect(page.topTracks).toHaveLength(2);
      const fresh = TrackListResponse.parse(await (await t.call('GET', '/api/tracks/new')).json());
      expect(fresh.tracks.map((x) => x.title).sort()).toEqual(['Midnight Drive', 'Sunrise Waltz']);

      const found = SearchResponse.parse(await (await t.call('GET', `/api/search?q=${encodeURIComponent('midnigt drve')}`)).json());
      expect(found.tracks[0]?.title).toBe('Midnight Drive');
      const byWord = SearchResponse.parse(await (await t.call('GET', '/api/search?q=sunrise')).json());
      expect(byWord.tracks.map((x) => x.title)).toEqual(['Sunrise Waltz']);
      const artistHit = SearchResponse.parse(await (await t.call('GET', '/api/search?q=adaa')).json());
      expect(artistHit.artists.map((a) => a.name)).toContain('ada');
      const auto = AutocompleteResponse.parse(await (await t.call('GET', '/api/search/autocomplete?q=midn')).json());
      expect(auto.suggestions).toContainEqual({ kind: 'track', id: track.id, text: 'Midnight Drive' });
      await expectError(await t.call('GET', '/api/search?q='), 400, 'VALIDATION_FAILED');
    } finally {
      await dispose();
    }
  });

  it('retries a failing job, then dead-letters it with the reason', async () => {
    const { t, dispose } = await catalogApp(db());
    try {
      const ada = await artistAccount(t);
      const up = await openUpload(t, ada.accessToken, wav);
      for (let i = 0; i < up.chunkCount; i++) await sendChunk(t, ada.accessToken, up, wav, i);
      expect((await t.call('POST', `/api/uploads/${up.id}/complete`, { token: ada.accessToken })).status).toBe(200);
      // The master vanishes from the blob store (a broken disk): every attempt fails.
      await fs.promises.rm(t.services.catalog.blobs.pathOf((await import('../../test/audio')).sha256(wav)));
      const res = await t.call('POST', '/api/tracks', { token: ada.accessToken, json: { uploadId: up.id, title: 'Lost' } });
      const { track } = TrackResponse.parse(await res.json());
      await t.services.catalog.jobs.idle();
      const status = ProcessingStatus.parse(await (await t.call('GET', `/api/tracks/${track.id}/processing`, { token: ada.accessToken })).json());
      expect(status).toMatchObject({ status: 'failed', stage: 'failed', attempts: 2, maxAttempts: 2 });
      expect(status.error).toMatch(/master is missing/);
      // Publishing a dead-lettered track again is a fresh round of attempts.
      const retried = TrackResponse.parse(await (await t.call('POST', `/api/tracks/${track.id}/publish`, { token: ada.accessToken })).json()).track;
      expect(retried.status).toBe('processing');
      await t.services.catalog.jobs.idle();
      const again = ProcessingStatus.parse(await (await t.call('GET', `/api/tracks/${track.id}/processing`, { token: ada.accessToken })).json());
      expect(again).toMatchObject({ status: 'failed', stage: 'failed', attempts: 2 });
      // Unreleased tracks are invisible to others.
      const bob = await registerAccount(t, 'bob');
      await expectError(await t.call('GET', `/api/tracks/${track.id}`, { token: bob.accessToken }), 404, 'TRACK_NOT_FOUND');
      await expectError(await t.call('GET', `/api/tracks/${track.id}/processing`, { token: bob.accessToken }), 404, 'TRACK_NOT_FOUND');
    } finally {
      await dispose();
    }
  });
});
