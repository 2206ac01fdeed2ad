import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EncoreError } from '@encore/shared/errors';
import { tempDir } from '../../db/testing';
import { browseFolders, defaultBrowseRoots } from './folderBrowser';
import { createLibraryProcedures } from './procedures';
import { libraryHarness, type Harness } from './testing/libraryHarness';

describe('host-side folder picker (browser mode)', () => {
  const tmp = tempDir('encore-browse-');
  const home = path.join(tmp.dir, 'home');
  const outside = path.join(tmp.dir, 'outside');
  let h: Harness;

  beforeAll(() => {
    for (const d of ['Music/Jazz', 'Music/Rock', 'Music/.cache', 'Documents', 'Music/zz 10', 'Music/zz 9']) fs.mkdirSync(path.join(home, d), { recursive: true });
    fs.writeFileSync(path.join(home, 'Music', 'Jazz', 'a.flac'), 'x');
    fs.writeFileSync(path.join(home, 'Music', 'Jazz', 'b.mp3'), 'x');
    fs.writeFileSync(path.join(home, 'Music', 'Jazz', 'notes.txt'), 'x');
    fs.mkdirSync(path.join(outside, 'secret'), { recursive: true });
    fs.symlinkSync(outside, path.join(home, 'Music', 'escape'));
    fs.symlinkSync(path.join(home, 'Music', 'Rock'), path.join(home, 'Music', 'rock-link'));
    h = libraryHarness({ browseRoots: [home] });
  });
  afterAll(async () => {
    await h.dispose();
    tmp.cleanup();
  });

  const error = (fn: () => unknown): EncoreError => {
    try {
      fn();
    } catch (e) {
      if (e instanceof EncoreError) return e;
      throw e;
    }
    throw new Error('expected an EncoreError');
  };

  it('starts at the first root and lists subfolders in natural order, hidden ones only on request', () => {
    const top = browseFolders([home]);
    expect(top).toMatchObject({ path: home, parent: null, truncated: false });
    expect(top.entries.map((e) => e.name)).toEqual(['Documents', 'Music']);
    const music = browseFolders([home], path.join(home, 'Music'));
    expect(music.parent).toBe(home);
    // Links inside the root are folders like any other; 'zz 9' sorts before 'zz 10'.
    expect(music.entries.map((e) => e.name)).toEqual(['escape', 'Jazz', 'Rock', 'rock-link', 'zz 9', 'zz 10']);
    expect(browseFolders([home], path.join(home, 'Music'), true).entries.map((e) => e.name)).toContain('.cache');
    expect(browseFolders([home], path.join(home, 'Music', 'Jazz'))).toMatchObject({ audioFiles: 2, entries: [] });
  });

  it('never leaves the roots: not by .., not by a symlink, not by an absolute path elsewhere', () => {
    expect(error(() => browseFolders([home], path.join(home, '..'))).code).toBe('FORBIDDEN');
    expect(error(() => browseFolders([home], path.join(home, 'Music', '..', '..', 'outside'))).code).toBe('FORBIDDEN');
    expect(error(() => browseFolders([home], path.join(home, 'Music', 'escape'))).code).toBe('FORBIDDEN');
    expect(error(() => browseFolders([home], path.join(home, 'Music', 'escape', 'secret'))).code).toBe('FORBIDDEN');
    expect(error(() => browseFolders([home], '/etc')).code).toBe('FORBIDDEN');
  });

  it('answers missing, relative and non-folder paths with clear errors', () => {
    expect(error(() => browseFolders([home], path.join(home, 'nope'))).message).toBe('This folder does not exist');
    expect(error(() => browseFolders([home], 'Music')).code).toBe('VALIDATION_FAILED');
    expect(error(() => browseFolders([home], path.join(home, 'Music', 'Jazz', 'a.flac'))).code).toBe('NOT_FOUND');
    expect(error(() => browseFolders([path.join(tmp.dir, 'none')])).message).toMatch(/no folder to browse/);
  });

  it('reports a folder the user cannot read as forbidden', () => {
    // Tests run as root, whom chmod does not stop; a readdir failing with EACCES is what a user meets.
    const spy = fs.readdirSync;
    (fs as { readdirSync: unknown }).readdirSync = () => {
      throw Object.assign(new Error('permission denied'), { code: 'EACCES' });
    };
    try {
      expect(error(() => browseFolders([home], path.join(home, 'Documents')))).toMatchObject({ code: 'FORBIDDEN', message: 'You do not have permission to open this folder' });
    } finally {
      (fs as { readdirSync: unknown }).readdirSync = spy;
    }
  });

  it('is served by the library procedures; the OS dialog is unsupported until a shell provides one', async () => {
    const p = createLibraryProcedures(h.library);
    expect((await p['library.folders.browse']({ path: path.join(home, 'Music'), showHidden: false })).entries.length).toBe(6);
    expect(await p['library.folders.pick']()).toEqual({ supported: false, path: null });
    h.library.nativeFolderPicker = () => Promise.resolve(path.join(home, 'Music'));
    expect(await p['library.folders.pick']()).toEqual({ supported: true, path: path.join(home, 'Music') });
    expect(defaultBrowseRoots().length).toBeGreaterThan(0);
  });
});
