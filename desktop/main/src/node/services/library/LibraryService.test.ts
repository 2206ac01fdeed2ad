import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostEventBus } from '../../../common/hostEventBus';
import { inParallel, makeAudio, makePicture, type AudioFixture } from './testing/audioFixtures';
import { libraryHarness, type Harness } from './testing/libraryHarness';

const KOB = { album: 'Kind of Blue', album_artist: 'Miles Davis', artist: 'Miles Davis', genre: 'Jazz', date: '1959' };
const ABBEY = { album: 'Abbey Road', album_artist: 'The Beatles', artist: 'The Beatles', genre: 'Rock', date: '1969' };

describe('LibraryService: import, browse, search, playlists', () => {
  let h: Harness;
  const events: string[] = [];
  const id = (title: string) => h.library.songs({ limit: 1000 }).items.find((t) => t.title === title)!.id;

  beforeAll(async () => {
    const bus = new HostEventBus();
    bus.onAny((e) => events.push(e));
    h = libraryHarness({ events: bus, batchSize: 4 });
    const cover = await makePicture(path.join(h.root, 'cover.png'));
    await makePicture(path.join(h.music, 'Rock', 'Abbey Road', 'cover.jpg'), 'blue');
    const files: AudioFixture[] = [
      { file: 'Jazz/Kind of Blue/01 So What.flac', format: 'flac', cover, hz: 300, tags: { ...KOB, title: 'So What', track: '1/5', disc: '1/1', composer: 'Miles Davis', ISRC: 'USSM15900113', MUSICBRAINZ_TRACKID: 'a1b2c3d4-0000-0000-0000-000000000001', REPLAYGAIN_TRACK_GAIN: '-6.50 dB', REPLAYGAIN_TRACK_PEAK: '0.9', lyrics: 'instrumental modal jazz' } },
      { file: 'Jazz/Kind of Blue/02 Freddie Freeloader.mp3', format: 'mp3', cover, hz: 310, tags: { ...KOB, title: 'Freddie Freeloader', track: '2/5' } },
      { file: 'Jazz/Kind of Blue/03 Blue in Green.m4a', format: 'm4a', cover, hz: 320, tags: { ...KOB, title: 'Blue in Green', track: '3/5' } },
      { file: 'Rock/Abbey Road/01 Come Together.m4a', format: 'm4a', hz: 400, tags: { ...ABBEY, title: 'Come Together', track: '1' } },
      { file: 'Rock/Abbey Road/02 Something.ogg', format: 'ogg', hz: 410, tags: { ...ABBEY, title: 'Something', track: '2' } },
      { file: 'Electronic/Get Lucky.opus', format: 'opus', hz: 500, tags: { title: 'Get Lucky', artist: 'Daft Punk; Pharrell Williams', album: 'Random Access Memories', album_artist: 'Daft Punk', genre: 'Electronic;Funk', date: '2013' } },
      { file: 'Field/Rain.wav', format: 'wav', hz: 600, tags: { title: 'Rain on the Roof', artist: 'Field Recordist', genre: 'Ambient', date: '2020' } },
      { file: 'Field/Crema.aiff', format: 'aiff', hz: 610, tags: { title: 'Crème Brûlée', artist: 'Beyoncé', album: 'Desserts', genre: 'Pop', date: '2016' } },
      { file: 'Misc/Love Song.flac', format: 'flac', hz: 700, tags: { title: 'Love Song', artist: 'Somebody', genre: 'Pop', lyrics: 'something in the way', date: '2001' } },
    ];
    await inParallel(files, 4, (f) => makeAudio(h.music, f));
    fs.writeFileSync(path.join(h.music, 'Rock', 'Abbey Road', '02 Something.lrc'), '[ar:The Beatles]\n[00:01.00]Something in the way she moves\n[00:04.50]Attracts me like no other lover\n');
    fs.writeFileSync(path.join(h.music, 'Rock', 'notes.txt'), 'not music');
    h.library.addFolder(h.music);
  }, 60_000);
  afterAll(() => h.dispose());

  it('imports every format with its tags, in batches, reporting progress', async () => {
    const progress: string[] = [];
    const off = h.library.onProgress((p) => progress.push(p.phase));
    const s = await h.library.scan();
    off();
    expect(s).toMatchObject({ added: 9, bad: 0, removed: 0, resumed: false });
    expect(progress.at(-1)).toBe('done');
    expect(events).toContain('library.changed');
    expect(events).toContain('library.scanProgress');
    expect(h.library.stats()).toMatchObject({ tracks: 9, folders: 1, formats: { mp3: 1, flac: 2, m4a: 2, ogg: 1, opus: 1, wav: 1, aiff: 1 } });

    const soWhat = h.library.track(id('So What'));
    expect(soWhat).toMatchObject({
      format: 'flac',
      relPath: 'Jazz/Kind of Blue/01 So What.flac',
      artists: ['Miles Davis'],
      albumArtist: 'Miles Davis',
      album: 'Kind of Blue',
      trackNo: 1,
      trackOf: 5,
      discNo: 1,
      year: 1959,
      genres: ['Jazz'],
      composers: ['Miles Davis'],
      isrc: 'USSM15900113',
      sampleRate: 44100,
      channels: 1,
      hasLyrics: true,
    });
    expect(soWhat.musicBrainz.recordingId).toBe('a1b2c3d4-0000-0000-0000-000000000001');
    expect(soWhat.replayGain.trackGainDb).toBeCloseTo(-6.5);
    expect(soWhat.durationSec).toBeCloseTo(0.5, 1);
    expect(soWhat.id).toMatch(/^[0-9a-f]{64}$/);
  });

  it('splits multi-valued artists and genres; keeps accents', () => {
    const lucky = h.library.track(id('Get Lucky'));
    expect(lucky).toMatchObject({ format: 'opus', artists: ['Daft Punk', 'Pharrell Williams'], genres: ['Electronic', 'Funk'] });
    expect(h.library.track(id('Crème Brûlée'))).toMatchObject({ format: 'aiff', artists: ['Beyoncé'] });
  });

  it('stores embedded and folder covers once per content', () => {
    const a = h.library.track(id('So What')).artworkHash;
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(h.library.track(id('Freddie Freeloader')).artworkHash).toBe(a);
    const folderCover = h.library.track(id('Come Together')).artworkHash;
    expect(folderCover).toMatch(/^[0-9a-f]{64}$/);
    expect(folderCover).not.toBe(a);
    expect(h.library.track(id('Something')).artworkHash).toBe(folderCover);
    const art = h.library.artworkBytes(a!);
    expect(art.mime).toBe('image/png');
    expect(Buffer.from(art.base64, 'base64').subarray(1, 4).toString()).toBe('PNG');
    const stored = fs.readdirSync(path.join(h.dataDir, 'desktop', 'artwork'), { recursive: true }).filter((f) => String(f).includes('.'));
    expect(stored).toHaveLength(2);
  });

  it('reads sidecar LRC lyrics (synced) and embedded lyrics', () => {
    expect(h.library.lyrics(id('Something'))).toEqual({
      text: 'Something in the way she moves\nAttracts me like no other lover',
      lines: [
        { timeMs: 1000, text: 'Something in the way she moves' },
        { timeMs: 4500, text: 'Attracts me like no other lover' },
      ],
    });
    expect(h.library.lyrics(id('So What'))).toEqual({ text: 'instrumental modal jazz', lines: null });
    expect(h.library.lyrics(id('Come Together'))).toBeNull();
  });

  it('rescans incrementally: unchanged files are not read again', async () => {
    const s = await h.library.scan();
    expect(s).toMatchObject({ scanned: 0, unchanged: 9, added: 0, updated: 0, removed: 0 });
  });

  it('searches as you type with prefixes, bm25 column weights and grouped results', () => {
    expect(h.library.search('so wh').songs[0]?.title).toBe('So What');
    expect(h.library.search('mi').artists.map((a) => a.name)).toContain('Miles Davis');
    const beat = h.library.search('beatl');
    expect(beat.artists[0]).toMatchObject({ name: 'The Beatles', trackCount: 2, albumCount: 1 });
    expect(beat.albums.map((a) => a.album)).toEqual(['Abbey Road']);
    // A title hit outranks a lyrics hit.
    expect(h.library.search('something').songs.map((t) => t.title)).toEqual(['Something', 'Love Song']);
    // Diacritics are folded both ways.
    expect(h.library.search('beyonce creme').songs.map((t) => t.title)).toEqual(['Crème Brûlée']);
    expect(h.library.search('pharr').artists.map((a) => a.name)).toEqual(['Pharrell Williams']);
    expect(h.library.search('lover').songs.map((t) => t.title)).toEqual(['Something']);
    // FTS syntax typed by the user is just text.
    for (const q of ['"', 'AND OR NOT', 'NEAR(a b)', 'title:so', '*', '{title}: x', "'; DROP TABLE tracks; --"]) expect(() => h.library.search(q)).not.toThrow();
    expect(h.library.search('   ').songs).toEqual([]);
  });

  it('browses songs, albums, artists, genres and folders with sort, filter and paging', () => {
    const byYear = h.library.songs({ sort: 'year', order: 'desc', limit: 3 });
    expect(byYear.total).toBe(9);
    expect(byYear.items.map((t) => t.year)).toEqual([2020, 2016, 2013]);
    expect(h.library.songs({ filter: { genre: 'jazz' }, sort: 'album' }).items.map((t) => t.trackNo)).toEqual([1, 2, 3]);
    expect(h.library.songs({ filter: { artist: 'Pharrell Williams' } }).items.map((t) => t.title)).toEqual(['Get Lucky']);
    expect(h.library.songs({ filter: { text: 'kind blu' } }).total).toBe(3);
    expect(h.library.songs({ offset: 8, limit: 5 }).items).toHaveLength(1);

    const albums = h.library.albums({ sort: 'year' });
    expect(albums.items.map((a) => a.album)).toEqual(['Kind of Blue', 'Abbey Road', 'Random Access Memories', 'Desserts']);
    expect(albums.items[0]).toMatchObject({ trackCount: 3, albumArtist: 'Miles Davis', year: 1959 });
    expect(h.library.albums({ filter: { artist: 'the beatles' } }).items.map((a) => a.album)).toEqual(['Abbey Road']);

    const artists = h.library.artists({ sort: 'trackCount', order: 'desc' });
    expect(artists.items[0]).toEqual({ name: 'Miles Davis', trackCount: 3, albumCount: 1 });
    expect(artists.items.map((a) => a.name)).toEqual(expect.arrayContaining(['Daft Punk', 'Pharrell Williams', 'Beyoncé']));
    expect(h.library.genres()).toContainEqual({ name: 'Pop', trackCount: 2 });

    const folderId = h.library.folders()[0]!.id;
    const top = h.library.folder(folderId, '');
    expect(top.subdirs).toEqual([
      { name: 'Electronic', trackCount: 1 },
      { name: 'Field', trackCount: 2 },
      { name: 'Jazz', trackCount: 3 },
      { name: 'Misc', trackCount: 1 },
      { name: 'Rock', trackCount: 2 },
    ]);
    expect(h.library.folder(folderId, 'Jazz').subdirs).toEqual([{ name: 'Kind of Blue', trackCount: 3 }]);
    expect(h.library.folder(folderId, 'Jazz/Kind of Blue').tracks.map((t) => t.trackNo)).toEqual([1, 2, 3]);
  });

  it('keeps likes, ratings, plays and history; most played and recently added', () => {
    const so = id('So What');
    expect(h.library.setLiked(so, true).liked).toBe(true);
    expect(h.library.setRating(so, 5).rating).toBe(5);
    h.library.recordPlay(so, '2024-01-01T10:00:00.000Z', 30_000);
    const after = h.library.recordPlay(so, '2024-01-02T10:00:00.000Z');
    expect(after).toMatchObject({ playCount: 2, lastPlayedAt: '2024-01-02T10:00:00.000Z' });
    h.library.recordPlay(id('Rain on the Roof'));
    expect(h.library.songs({ sort: 'playCount', order: 'desc', limit: 2 }).items.map((t) => t.title)).toEqual(['So What', 'Rain on the Roof']);
    expect(h.library.songs({ sort: 'addedAt', order: 'desc' }).total).toBe(9);
    const hist = h.library.history(0, 10);
    expect(hist.total).toBe(3);
    expect(hist.items[1]).toMatchObject({ trackId: so, playedAt: '2024-01-02T10:00:00.000Z', msPlayed: null });
    expect(() => h.library.setLiked('f'.repeat(64), true)).toThrow(/No track/);
    expect(h.library.songs({ filter: { liked: true } }).items.map((t) => t.title)).toEqual(['So What']);
  });

  it('manages playlists: add, reorder, remove, rename, M3U8 export and import round trip', () => {
    const p = h.library.createPlaylist('Evening');
    const ids = ['So What', 'Something', 'Get Lucky', 'Rain on the Roof'].map(id);
    expect(h.library.addToPlaylist(p.id, ids).entryCount).toBe(4);
    h.library.movePlaylistEntry(p.id, 3, 0);
    h.library.removeFromPlaylist(p.id, [2]);
    h.library.addToPlaylist(p.id, [id('Come Together')], 1);
    const order = () => h.library.playlistEntries(p.id).map((e) => e.track?.title);
    expect(order()).toEqual(['Rain on the Roof', 'Come Together', 'So What', 'Get Lucky']);
    expect(h.library.renamePlaylist(p.id, 'Late Evening').name).toBe('Late Evening');

    const m3u = path.join(h.root, 'exports', 'late.m3u8');
    expect(h.library.exportM3u(p.id, m3u)).toEqual({ written: 4, skipped: 0 });
    const text = fs.readFileSync(m3u, 'utf8');
    expect(text.split('\n').slice(0, 4)).toEqual(['#EXTM3U', '#PLAYLIST:Late Evening', '#EXTINF:1,Field Recordist - Rain on the Roof', '../music/Field/Rain.wav']);
    fs.appendFileSync(m3u, '#EXTINF:100,Gone - Missing\n../music/nowhere.mp3\nhttp://radio.example/stream\n');
    const back = h.library.importM3u(m3u);
    expect(back.matched).toBe(4);
    expect(back.missing).toEqual(['../music/nowhere.mp3', 'http://radio.example/stream']);
    expect(back.playlist.name).toBe('late');
    expect(h.library.playlistEntries(back.playlist.id).map((e) => e.track?.title)).toEqual(order());
    expect(h.library.playlists().map((x) => x.name)).toEqual(['late', 'Late Evening']);
    expect(h.library.deletePlaylist(back.playlist.id)).toEqual({ deleted: true });
    expect(() => h.library.playlistEntries(back.playlist.id)).toThrow(/No such playlist/);
  });

  it('evaluates smart playlists live from rules with bound parameters', () => {
    const jazzOld = h.library.createSmart('Old jazz', { match: 'all', rules: [{ field: 'genre', op: 'is', value: 'jazz' }, { field: 'year', op: 'lte', value: 1960 }], sort: 'album', order: 'asc', limit: null });
    expect(h.library.smartTracks(jazzOld.id, 0, 100).items.map((t) => t.title)).toEqual(['So What', 'Freddie Freeloader', 'Blue in Green']);

    const loved = h.library.createSmart('Loved or played', { match: 'any', rules: [{ field: 'liked', op: 'is', value: true }, { field: 'plays', op: 'gte', value: 1 }], sort: 'title', order: 'asc', limit: null });
    expect(h.library.smartTracks(loved.id, 0, 100).items.map((t) => t.title)).toEqual(['Rain on the Roof', 'So What']);
    h.library.setLiked(id('Get Lucky'), true);
    expect(h.library.smartTracks(loved.id, 0, 100).total).toBe(3);

    const recent = h.library.createSmart('New', { match: 'all', rules: [{ field: 'addedAt', op: 'inLastDays', value: 1 }, { field: 'rating', op: 'lte', value: 4 }], sort: 'year', order: 'desc', limit: 2 });
    expect(h.library.smartTracks(recent.id, 0, 100)).toMatchObject({ total: 2 });
    expect(h.library.smartTracks(recent.id, 0, 100).items.map((t) => t.year)).toEqual([2020, 2016]);

    const contains = h.library.updateSmart(recent.id, { rules: { match: 'all', rules: [{ field: 'genre', op: 'contains', value: 'unk' }, { field: 'genre', op: 'isNot', value: 'Electronic' }], sort: 'title', order: 'asc', limit: null } });
    expect(h.library.smartTracks(contains.id, 0, 100).total).toBe(0);
    const evil = h.library.createSmart('Evil', { match: 'all', rules: [{ field: 'artist', op: 'contains', value: "%' OR 1=1; DROP TABLE tracks; --" }], sort: 'title', order: 'asc', limit: null });
    expect(h.library.smartTracks(evil.id, 0, 100).total).toBe(0);
    expect(h.library.stats().tracks).toBe(9);
    expect(h.library.smartPlaylists().map((s) => s.name)).toEqual(['Evil', 'Loved or played', 'New', 'Old jazz']);
    expect(h.library.deleteSmart(evil.id)).toEqual({ deleted: true });
  });

  it('removes a folder with its tracks but keeps likes and plays for a later return', async () => {
    const folder = h.library.folders()[0]!;
    expect(() => h.library.addFolder(path.join(h.music, 'Jazz'))).toThrow(/inside/);
    expect(h.library.removeFolder(folder.id)).toEqual({ removedTracks: 9 });
    expect(h.library.stats().tracks).toBe(0);
    h.library.addFolder(h.music);
    await h.library.scan();
    expect(h.library.track(id('So What'))).toMatchObject({ liked: true, rating: 5, playCount: 2 });
    expect(h.db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
