import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../db/testing';
import { ArtworkStore } from './artworkStore';
import { makeAudio, makePicture } from './testing/audioFixtures';
import { TrackReaders } from './trackReaders';

describe('TrackReaders: files read in worker threads', () => {
  const tmp = tempDir('encore-readers-');
  let file = '';
  let cover = '';

  beforeAll(async () => {
    cover = await makePicture(path.join(tmp.dir, 'music', 'cover.png'), 'green');
    file = await makeAudio(path.join(tmp.dir, 'music'), { file: 'song.flac', format: 'flac', tags: { title: 'Worker Song', artist: 'A; B', album: 'Threads' } });
    fs.writeFileSync(path.join(tmp.dir, 'music', 'song.lrc'), '[00:01.00]first line\n[00:02.50]second line\n');
  }, 60_000);
  afterAll(() => tmp.cleanup());

  it('reads a file in a worker exactly as on the host thread: tags, lyrics, folder cover stored', async () => {
    const workers = new TrackReaders({ artwork: new ArtworkStore(path.join(tmp.dir, 'art-w')) });
    const inline = new TrackReaders({ artwork: new ArtworkStore(path.join(tmp.dir, 'art-i')), size: 0 });
    try {
      const job = { path: file, cover, dirNames: ['song.flac', 'song.lrc', 'cover.png'] };
      const [a, b] = [await workers.read(job), await inline.read(job)];
      expect(workers.threads).toBe(1);
      expect(inline.threads).toBe(0);
      expect(a).toEqual(b);
      if (!a.ok) throw new Error(a.reason);
      expect(a.track).toMatchObject({ title: 'Worker Song', artists: ['A', 'B'], album: 'Threads', format: 'flac' });
      expect(a.track.lyricsLrc).toContain('second line');
      // The worker wrote the cover into the store before replying.
      expect(new ArtworkStore(path.join(tmp.dir, 'art-w')).get(a.artworkHash!)?.bytes.equals(fs.readFileSync(cover))).toBe(true);
    } finally {
      await workers.dispose();
      await inline.dispose();
    }
  }, 60_000);

  it('spreads concurrent reads over the threads and reports bad files without throwing', async () => {
    const readers = new TrackReaders({ artwork: new ArtworkStore(path.join(tmp.dir, 'art-c')), size: 2 });
    try {
      fs.writeFileSync(path.join(tmp.dir, 'empty.mp3'), '');
      const outs = await Promise.all([file, file, file, path.join(tmp.dir, 'empty.mp3'), path.join(tmp.dir, 'missing.mp3')].map((p) => readers.read({ path: p, cover: null })));
      expect(readers.threads).toBe(2);
      expect(outs.map((o) => o.ok)).toEqual([true, true, true, false, false]);
      expect(outs[3]).toMatchObject({ ok: false, reason: 'empty file' });
      expect(outs[4]).toMatchObject({ ok: false, reason: expect.stringMatching(/cannot stat: ENOENT/) });
    } finally {
      await readers.dispose();
    }
  }, 60_000);

  it('a worker that dies fails only its own reads, and a new one takes the next', async () => {
    const readers = new TrackReaders({ artwork: new ArtworkStore(path.join(tmp.dir, 'art-x')), size: 1, entry: new URL('./testing/crashingReader.fixture.ts', import.meta.url) });
    try {
      await expect(readers.read({ path: '/x/crash.mp3', cover: null })).rejects.toThrow(/file reader stopped/);
      expect(await readers.read({ path: '/x/fine.mp3', cover: null })).toMatchObject({ ok: false, reason: 'fixture read /x/fine.mp3' });
    } finally {
      await readers.dispose();
    }
    await expect(readers.read({ path: '/x/after.mp3', cover: null })).rejects.toThrow(/disposed/);
  }, 60_000);
});
