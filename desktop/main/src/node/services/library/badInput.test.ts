import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAudio, withInvalidUtf8Title } from './testing/audioFixtures';
import { libraryHarness, type Harness } from './testing/libraryHarness';

describe('LibraryService: bad input never stops a scan', () => {
  let h: Harness;
  let locked = '';
  const denied = new Set<string>();

  beforeAll(async () => {
    // Tests run as root, for whom chmod 000 changes nothing: the walker's readdir is
    // replaced to fail with EACCES for one folder, exactly as the kernel would for a user.
    h = libraryHarness({
      walkOptions: {
        readdir: (dir) => {
          if (denied.has(dir)) return Promise.reject(Object.assign(new Error('permission denied'), { code: 'EACCES' }));
          return fs.promises.readdir(dir, { withFileTypes: true });
        },
      },
    });
    const m = h.music;
    await makeAudio(m, { file: 'good.mp3', format: 'mp3', tags: { title: 'Good', artist: 'Fine' } });
    const flac = await makeAudio(m, { file: 'real.flac', format: 'flac', hz: 500, tags: { title: 'Really FLAC' } });
    fs.copyFileSync(flac, path.join(m, 'mislabeled.mp3'));
    fs.rmSync(flac);
    await makeAudio(m, { file: 'long.ogg', format: 'ogg', tags: { title: 'x'.repeat(100_000), artist: 'Long' } });
    const plain = await makeAudio(m, { file: 'plain.mp3', format: 'mp3', hz: 700 });
    // Strip ffmpeg's own ID3 tag, then add one whose UTF-8 title is invalid.
    const bytes = fs.readFileSync(plain);
    const tagEnd = 10 + ((bytes[6]! << 21) | (bytes[7]! << 14) | (bytes[8]! << 7) | bytes[9]!);
    fs.writeFileSync(path.join(m, 'badutf8.mp3'), withInvalidUtf8Title(bytes.subarray(tagEnd)));
    fs.rmSync(plain);
    fs.writeFileSync(path.join(m, 'zero.flac'), '');
    fs.writeFileSync(path.join(m, 'noise.ogg'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251)));
    fs.writeFileSync(path.join(m, 'text.m4a'), 'this is not audio at all\n');
    const wav = await makeAudio(m, { file: 'w.wav', format: 'wav', hz: 800 });
    fs.writeFileSync(path.join(m, 'truncated.wav'), fs.readFileSync(wav).subarray(0, 30));
    fs.rmSync(wav);
    // A symlink loop: sub/back -> the library root.
    fs.mkdirSync(path.join(m, 'sub'));
    fs.symlinkSync(m, path.join(m, 'sub', 'back'));
    fs.symlinkSync(path.join(m, 'nowhere.mp3'), path.join(m, 'dangling.mp3'));
    locked = path.join(m, 'locked');
    await makeAudio(m, { file: 'locked/inside.mp3', format: 'mp3', hz: 900, tags: { title: 'Inside' } });
    h.library.addFolder(m);
  }, 60_000);
  afterAll(() => h.dispose());

  it('imports the good files, records each bad one with a reason, and keeps going', async () => {
    const s = await h.library.scan();
    expect(s.added).toBe(5);
    expect(s.bad).toBe(4);
    const titles = h.library.songs({ sort: 'title' }).items.map((t) => t.title.slice(0, 12));
    // Invalid bytes become U+FFFD; the rest of the title survives.
    expect(titles).toEqual(['Bad \ufffd\ufffd\ufffd( Tit', 'Good', 'Inside', 'Really FLAC', 'xxxxxxxxxxxx']);

    const reasons = Object.fromEntries(h.library.badFiles(0, 100).items.map((b) => [path.relative(h.music, b.path), b.reason]));
    expect(reasons).toMatchObject({
      'zero.flac': 'empty file',
      'noise.ogg': expect.stringMatching(/not a supported audio format/),
      'text.m4a': expect.stringMatching(/not a supported audio format/),
      'truncated.wav': expect.stringMatching(/wav|no audio/),
      'sub/back': expect.stringMatching(/symlink loop/),
    });
    expect(s.skippedDirs.map((d) => d.reason)).toEqual([expect.stringMatching(/symlink loop/)]);
  });

  it('reads a mislabeled file by its content and caps giant tags', () => {
    const flac = h.library.songs({ filter: { text: 'really' } }).items[0]!;
    expect(flac).toMatchObject({ format: 'flac', relPath: 'mislabeled.mp3' });
    const long = h.library.songs({ filter: { artist: 'Long' } }).items[0]!;
    expect(long.title).toHaveLength(1024);
    expect(h.library.search('xxx').songs).toHaveLength(1);
    const utf8 = h.library.songs({ sort: 'title' }).items[0]!;
    expect(utf8.title.startsWith('Bad ')).toBe(true);
    expect(utf8.title.endsWith(' Title')).toBe(true);
  });

  it('does not drop the tracks of a folder that became unreadable', async () => {
    denied.add(locked);
    const s = await h.library.scan();
    expect(s.skippedDirs).toContainEqual({ path: locked, reason: 'unreadable folder: EACCES' });
    expect(s.removed).toBe(0);
    expect(h.library.search('inside').songs).toHaveLength(1);
    expect(h.library.badFiles(0, 100).items.map((b) => b.reason)).toContain('unreadable folder: EACCES');
    denied.clear();
    await h.library.scan();
    expect(h.library.badFiles(0, 100).items.map((b) => b.reason)).not.toContain('unreadable folder: EACCES');
    expect(h.db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('rescans bad files only when they change', async () => {
    expect(await h.library.scan()).toMatchObject({ scanned: 0, bad: 0 });
    const good = await makeAudio(h.root, { file: 'fixed.flac', format: 'flac', hz: 1000, tags: { title: 'Fixed Now' } });
    fs.copyFileSync(good, path.join(h.music, 'zero.flac'));
    const s = await h.library.scan();
    expect(s).toMatchObject({ scanned: 1, added: 1, bad: 0 });
    expect(h.library.badFiles(0, 100).items.map((b) => path.basename(b.path))).not.toContain('zero.flac');
  });
});
