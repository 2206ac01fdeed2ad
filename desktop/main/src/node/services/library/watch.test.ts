import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAudio } from './testing/audioFixtures';
import { libraryHarness, type Harness } from './testing/libraryHarness';

/** Polls until `check` passes (watch events arrive asynchronously). */
async function eventually(check: () => void, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      check();
      return;
    } catch (e) {
      if (Date.now() > until) throw e;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

describe('LibraryService: watching folders', () => {
  let h: Harness;
  let staging: string;
  const titles = () => h.library.songs({ sort: 'title' }).items.map((t) => t.title);

  beforeAll(async () => {
    h = libraryHarness({ watch: true, watcherTimings: { debounceMs: 50, removalDelayMs: 400, stabilityMs: 100 } });
    staging = path.join(h.root, 'staging');
    await makeAudio(h.music, { file: 'a/one.mp3', format: 'mp3', hz: 300, tags: { title: 'One', artist: 'X' } });
    h.library.addFolder(h.music);
    await h.library.scan();
    await h.library.whenReady();
  }, 60_000);
  afterAll(() => h.dispose());

  it('picks up an added file', async () => {
    const made = await makeAudio(staging, { file: 'two.flac', format: 'flac', hz: 400, tags: { title: 'Two', artist: 'X' } });
    fs.renameSync(made, path.join(h.music, 'a', 'two.flac'));
    await eventually(() => expect(titles()).toEqual(['One', 'Two']));
  });

  it('a moved file keeps its id, added date, likes, plays and playlist entries', async () => {
    const two = h.library.songs({ filter: { text: 'two' } }).items[0]!;
    h.library.setLiked(two.id, true);
    h.library.recordPlay(two.id);
    const list = h.library.createPlaylist('Keep');
    h.library.addToPlaylist(list.id, [two.id]);
    fs.mkdirSync(path.join(h.music, 'b', 'deeper'), { recursive: true });
    fs.renameSync(path.join(h.music, 'a', 'two.flac'), path.join(h.music, 'b', 'deeper', 'renamed.flac'));
    await eventually(() => expect(h.library.track(two.id).relPath).toBe('b/deeper/renamed.flac'));
    await h.library.watchIdle();
    const moved = h.library.track(two.id);
    expect(moved).toMatchObject({ id: two.id, addedAt: two.addedAt, liked: true, playCount: 1 });
    expect(h.library.playlistEntries(list.id).map((e) => e.track?.relPath)).toEqual(['b/deeper/renamed.flac']);
    expect(h.library.stats().tracks).toBe(2);
  });

  it('a changed file (tags rewritten) is re-read and keeps its likes under the new hash', async () => {
    const one = h.library.songs({ filter: { text: 'one' } }).items[0]!;
    h.library.setRating(one.id, 4);
    const list = h.library.createPlaylist('Edited');
    h.library.addToPlaylist(list.id, [one.id]);
    const edited = await makeAudio(staging, { file: 'one.mp3', format: 'mp3', hz: 300, tags: { title: 'One (Remastered)', artist: 'X' } });
    fs.copyFileSync(edited, path.join(h.music, 'a', 'one.mp3'));
    await eventually(() => expect(titles()).toContain('One (Remastered)'));
    const now = h.library.songs({ filter: { text: 'remastered' } }).items[0]!;
    expect(now.id).not.toBe(one.id);
    expect(now).toMatchObject({ rating: 4, relPath: 'a/one.mp3', addedAt: one.addedAt });
    expect(h.library.playlistEntries(list.id).map((e) => e.trackId)).toEqual([now.id]);
  });

  it('a deleted file leaves the library; its stats wait for its return', async () => {
    const two = h.library.songs({ filter: { text: 'two' } }).items[0]!;
    const keep = path.join(h.root, 'keep.flac');
    fs.copyFileSync(path.join(h.music, 'b', 'deeper', 'renamed.flac'), keep);
    fs.rmSync(path.join(h.music, 'b'), { recursive: true });
    await eventually(() => expect(titles()).toEqual(['One (Remastered)']));
    fs.copyFileSync(keep, path.join(h.music, 'back.flac'));
    await eventually(() => expect(titles()).toEqual(['One (Remastered)', 'Two']));
    expect(h.library.track(two.id)).toMatchObject({ liked: true, playCount: 1 });
    expect(h.db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
