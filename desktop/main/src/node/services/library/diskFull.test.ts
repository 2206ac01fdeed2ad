import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EncoreError } from '@encore/shared/errors';
import { openDatabase, type EncoreDatabase } from '../../db/database';
import { tempDir } from '../../db/testing';
import { silentLogger } from '../../logger';
import { LibraryService } from './LibraryService';
import { inParallel, makeAudio, makePicture } from './testing/audioFixtures';

const COUNT = 12;

/**
 * A disk that fills up during an import: the data folder is a small tmpfs mounted by the test
 * (tests run as root), filled to the last byte. The import must stop with a clear error, leave
 * the database intact and nothing marked bad, and resume once space is freed.
 */
describe('LibraryService: the disk fills up during an import', () => {
  const tmp = tempDir('encore-diskfull-');
  const data = path.join(tmp.dir, 'data');
  const music = path.join(tmp.dir, 'music');
  let db: EncoreDatabase;
  let library: LibraryService;

  beforeAll(async () => {
    fs.mkdirSync(data);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', data]);
    // Each file embeds its own picture, so the artwork store needs room for each.
    await inParallel(Array.from({ length: COUNT }, (_, i) => i), 4, async (i) => {
      const cover = await makePicture(path.join(tmp.dir, 'covers', `c${i}.png`), ['red', 'green', 'blue', 'yellow', 'cyan', 'magenta'][i % 6]!);
      await makeAudio(music, { file: `Full/${String(i).padStart(2, '0')}.mp3`, format: 'mp3', hz: 300 + i * 20, cover, tags: { title: `Full Song ${i}`, artist: 'Disk', album: `Full ${i}` } });
    });
    db = openDatabase({ path: path.join(data, 'desktop', 'encore.db') });
    library = new LibraryService({ db, artworkDir: path.join(data, 'desktop', 'artwork'), log: silentLogger(), batchSize: 4, concurrency: 2 });
    library.addFolder(music);
  }, 120_000);

  afterAll(async () => {
    await library?.dispose();
    db?.dispose();
    execFileSync('umount', ['-l', data]);
    tmp.cleanup();
  });

  it('stops with STORAGE_LIMIT_REACHED, keeps the database intact, and resumes after space is freed', async () => {
    // Fill the disk: what is left goes to one file, byte for byte.
    const filler = path.join(data, 'filler');
    const fd = fs.openSync(filler, 'w');
    const chunk = Buffer.alloc(64 * 1024, 1);
    try {
      for (;;) fs.writeSync(fd, chunk);
    } catch (e) {
      expect((e as { code?: string }).code).toBe('ENOSPC');
    }
    try {
      for (;;) fs.writeSync(fd, chunk, 0, 1);
    } catch {
      // Full to the last byte.
    }
    fs.closeSync(fd);
    // Then give back a little: the import starts, commits some batches, and runs out midway.
    fs.truncateSync(filler, fs.statSync(filler).size - 160 * 1024);

    const err = await library.scan().then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(EncoreError);
    expect(err).toMatchObject({ code: 'STORAGE_LIMIT_REACHED', message: expect.stringMatching(/disk .* is full/) });
    expect(db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(library.interruptedScan()).toBe(true);
    const partial = library.stats().tracks;
    expect(partial).toBeLessThan(COUNT);
    // No file is blamed for the full disk.
    expect(library.badFiles(0, 100).total).toBe(0);

    fs.rmSync(filler);
    const s = await library.scan();
    expect(s).toMatchObject({ resumed: true, bad: 0, unchanged: partial, added: COUNT - partial });
    expect(library.stats().tracks).toBe(COUNT);
    expect(library.interruptedScan()).toBe(false);
    const albums = library.albums({ limit: 100 }).items;
    expect(albums).toHaveLength(COUNT);
    for (const a of albums) expect(a.artworkHash).toMatch(/^[0-9a-f]{64}$/);
    db.sqlite.exec(`INSERT INTO tracks_fts (tracks_fts) VALUES ('integrity-check')`);
  }, 120_000);
});
