import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { AlbumResponse, ArtistPageResponse, SearchResponse, TrackListResponse } from '@encore/shared/api/catalog';
import { AlbumListResponse, ArtistListResponse, GenreListResponse } from '@encore/shared/api/catalogReleases';
import { chordProgression, clickTrack } from '@encore/shared/audioAnalysis/signals.fixtures';
import { tracks } from '../../db/schema/catalog';
import { expectError } from '../../test/accounts';
import { sineWav } from '../../test/audio';
import { artistAccount, catalogApp, publish, uploadAll } from '../../test/catalog';
import { describeEachDatabase } from '../../test/databases';
import { DEFAULT_CATALOG_OPTIONS } from '../../services/catalog/catalog';

const run = promisify(execFile);

// Real transcoding and a fresh database per suite: minutes on a loaded 2-core machine, not a hang.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });
let tmp: string;
let wav: Buffer;
let wav2: Buffer;
let music: Buffer;
let threeHours: Buffer;

/** 16-bit mono WAV of float samples. */
function wavOf(x: Float32Array, rate: number): Buffer {
  const data = Buffer.alloc(x.length * 2);
  x.forEach((v, i) => data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, v)) * 32767), i * 2));
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'latin1');
  h.writeUInt32LE(36 + data.length, 4);
  h.write('WAVEfmt ', 8, 'latin1');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(1, 22);
  h.writeUInt32LE(rate, 24);
  h.writeUInt32LE(rate * 2, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'latin1');
  h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}

beforeAll(async () => {
  tmp = await fs.promises.mkdtemp('/tmp/encore-browse-');
  wav = await sineWav(tmp, 2, 300);
  wav2 = await sineWav(tmp, 2, 500);
  // Am Dm E Am over a 120 BPM click: a key and a beat the processing job must find.
  const rate = 22_050;
  const chords = chordProgression([[45, 57, 60, 64], [38, 57, 62, 65], [40, 56, 59, 64], [45, 57, 60, 64]], 2, rate, 2);
  const clicks = clickTrack(120, chords.length / rate, rate);
  music = wavOf(
    chords.map((v, i) => v + 0.4 * clicks[i]!),
    rate,
  );
  await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'anullsrc=r=8000:cl=mono', '-t', '10800', '-c:a', 'flac', path.join(tmp, 'long.flac')]);
  threeHours = await fs.promises.readFile(path.join(tmp, 'long.flac'));
}, 120_000);
afterAll(() => fs.promises.rm(tmp, { recursive: true, force: true }));

describeEachDatabase('catalog browse, popularity, tempo and key', (db) => {
  it(
    'lists genres, tracks and albums by genre, artists and new albums; plays break search ties',
    async () => {
      const { t, dispose } = await catalogApp(db());
      try {
        const ada = await artistAccount(t);
        const bo = await artistAccount(t, 'bob');
        const a1 = await publish(t, ada.accessToken, wav, { title: 'Echo', genres: ['Ambient'] });
        const b1 = await publish(t, bo.accessToken, wav2, { title: 'Echo', genres: ['ambient', 'Techno'] });
        const album = AlbumResponse.parse(await (await t.call('POST', '/api/albums', { token: bo.accessToken, json: { title: 'Night Shift', albumType: 'ep', genres: ['Techno'] } })).json()).album;
        await t.call('POST', `/api/albums/${album.id}/tracks`, { token: bo.accessToken, json: { trackId: b1.id } });
        await t.call('POST', '/api/albums', { token: ada.accessToken, json: { title: 'Empty Draft', albumType: 'album' } });

        const { genres } = GenreListResponse.parse(await (await t.call('GET', '/api/genres')).json());
        expect(genres).toEqual([
          { name: 'Ambient', trackCount: 2, albumCount: 1 },
          { name: 'Techno', trackCount: 1, albumCount: 1 },
        ]);
        const byGenre = TrackListResponse.parse(await (await t.call('GET', '/api/genres/AMBIENT/tracks')).json()).tracks;
        expect(byGenre.map((x) => x.id).sort()).toEqual([a1.id, b1.id].sort());
        expect(AlbumListResponse.parse(await (await t.call('GET', '/api/genres/techno/albums')).json()).albums.map((x) => x.title)).toEqual(['Night Shift']);
        expect(AlbumListResponse.parse(await (await t.call('GET', '/api/genres/ambient/albums')).json()).albums.map((x) => x.title)).toEqual(['Night Shift']);
        // Markup is stripped from a genre as from any label: nothing is left to look up.
        await expectError(await t.call('GET', '/api/genres/%3Cscript%3E/tracks'), 400, 'VALIDATION_FAILED');
        expect(TrackListResponse.parse(await (await t.call('GET', '/api/genres/jazz/tracks')).json()).tracks).toEqual([]);
        await expectError(await t.call('GET', '/api/genres/ambient/tracks?limit=1000'), 400, 'VALIDATION_FAILED');
        expect(AlbumListResponse.parse(await (await t.call('GET', '/api/albums/new')).json()).albums.map((x) => x.title)).toEqual(['Night Shift']);
        const artists = ArtistListResponse.parse(await (await t.call('GET', '/api/artists')).json()).artists;
        expect(artists.map((x) => [x.name, x.trackCount])).toEqual([['ada', 1], ['bob', 1]]);
        const page = ArtistPageResponse.parse(await (await t.call('GET', `/api/artists/${a1.artistId}`)).json());
        expect(page.albums).toEqual([]);
        expect(page.topTracks.map((x) => x.id)).toEqual([a1.id]);

        // Same relevance: the more played track ranks first, whichever it is.
        await db().db.update(tracks).set({ playCount: 5 }).where(eq(tracks.id, b1.id));
        const search = async () => SearchResponse.parse(await (await t.call('GET', '/api/search?q=echo')).json()).tracks.map((x) => x.id);
        expect(await search()).toEqual([b1.id, a1.id]);
        await db().db.update(tracks).set({ playCount: 9 }).where(eq(tracks.id, a1.id));
        expect(await search()).toEqual([a1.id, b1.id]);
      } finally {
        await dispose();
      }
    },
    240_000,
  );

  it(
    'measures tempo and key in the processing job, and refuses a 3-hour file from its header',
    async () => {
      const { t, dispose } = await catalogApp(db());
      try {
        t.services.catalog.options.duration = DEFAULT_CATALOG_OPTIONS.duration;
        const ada = await artistAccount(t);
        const track = await publish(t, ada.accessToken, music, { title: 'Minor Pulse' });
        expect(track.status, await (await t.call('GET', `/api/tracks/${track.id}/processing`, { token: ada.accessToken })).text()).toBe('ready');
        expect(track.key).toBe('A minor');
        expect(Math.abs(track.bpm! - 120)).toBeLessThanOrEqual(1);
        const { complete } = await uploadAll(t, ada.accessToken, threeHours, 'long.flac');
        const err = await expectError(complete, 422, 'INVALID_AUDIO');
        expect(err.details).toMatchObject({ reason: 'too-long' });
        expect(Number(err.details?.durationMs)).toBeGreaterThan(10_000_000);
      } finally {
        await dispose();
      }
    },
    240_000,
  );
});
