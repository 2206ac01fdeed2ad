import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../node/db/testing';
import { makeAudio } from '../node/services/library/testing/audioFixtures';
import { runCli } from './main';

async function run(...argv: string[]) {
  let out = '';
  const code = await runCli(argv, (s) => (out += s));
  return { code, out };
}

describe('encore library', () => {
  const tmp = tempDir('encore-cli-library-');
  const music = path.join(tmp.dir, 'music');
  const data = path.join(tmp.dir, 'data');
  afterAll(() => tmp.cleanup());

  beforeAll(async () => {
    await makeAudio(music, { file: 'a/so-what.flac', format: 'flac', hz: 300, tags: { title: 'So What', artist: 'Miles Davis', album: 'Kind of Blue', genre: 'Jazz' } });
    await makeAudio(music, { file: 'b/something.ogg', format: 'ogg', hz: 400, tags: { title: 'Something', artist: 'The Beatles', album: 'Abbey Road', genre: 'Rock' } });
  }, 30_000);

  it('adds a folder and imports it', async () => {
    const r = await run('library', 'add', music, '--json', '--data', data);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as { folder: { path: string; trackCount: number }; scan: { added: number } };
    expect(out.folder).toMatchObject({ trackCount: 2 });
    expect(out.scan.added).toBe(2);
  });

  it('rescans, searches and reports stats', async () => {
    expect(JSON.parse((await run('library', 'scan', '--json', '--data', data)).out)).toMatchObject({ unchanged: 2, added: 0 });
    const search = JSON.parse((await run('library', 'search', 'miles', 'so', '--json', '--data', data)).out) as { songs: { title: string }[]; artists: { name: string }[] };
    expect(search.songs.map((s) => s.title)).toEqual(['So What']);
    // Artists match only when their name holds every word typed.
    expect(search.artists).toEqual([]);
    const artists = JSON.parse((await run('library', 'search', 'mile', '--json', '--data', data)).out) as typeof search;
    expect(artists.artists.map((a) => a.name)).toEqual(['Miles Davis']);
    const text = await run('library', 'search', 'beat', '--data', data);
    expect(text.out).toContain('song    Something — The Beatles (Abbey Road)');
    const stats = JSON.parse((await run('library', 'stats', '--json', '--data', data)).out) as { tracks: number; formats: Record<string, number> };
    expect(stats).toMatchObject({ tracks: 2, formats: { flac: 1, ogg: 1 } });
  });

  it('explains its usage and reports a missing folder as an error', async () => {
    expect(await run('library', 'frobnicate', '--data', data)).toMatchObject({ code: 1, out: expect.stringContaining('usage: encore library') });
    const missing = await run('library', 'add', path.join(tmp.dir, 'nope'), '--json', '--data', data);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.out)).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('runs as the real `encore` command', async () => {
    const bin = path.resolve(import.meta.dirname, '../../../../bin/encore.js');
    const { stdout } = await promisify(execFile)(process.execPath, [bin, 'library', 'stats', '--json', '--data', data]);
    expect(JSON.parse(stdout)).toMatchObject({ tracks: 2 });
  });
});
