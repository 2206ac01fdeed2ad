import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EncoreError } from '@encore/shared/errors';
import type { FolderBrowse } from '@encore/shared/host/library';
import { AUDIO_EXTENSIONS } from './sniff';
import { isInside } from './walk';

/** Most subfolders listed for one folder (a folder with more is shown cut, and says so). */
export const MAX_BROWSE_ENTRIES = 2000;

/** Where browsing may go by default: the user's home and the usual mount points of other disks. */
export function defaultBrowseRoots(): string[] {
  return [os.homedir(), '/media', '/mnt', '/run/media', '/Volumes'].filter((p, i, all) => all.indexOf(p) === i && isDir(p));
}

/**
 * The host-side folder picker for browser mode, where the page cannot open the OS dialog on
 * the host's disk: lists the subfolders of a folder inside one of `roots`. Paths are resolved
 * through symlinks first, so neither `..` nor a link can lead outside the roots; what the
 * host's user cannot read answers with a clear error instead of a partial listing.
 *
 * @example
 * browseFolders(['/home/me'], '/home/me'); // { path: '/home/me', parent: null, entries: [{ name: 'Music', path: '/home/me/Music', audioFiles: 0 }], ... }
 */
export function browseFolders(roots: readonly string[], dir?: string, showHidden = false): FolderBrowse {
  const realRoots = roots.flatMap((r) => (isDir(r) ? [fs.realpathSync(r)] : []));
  const rootList = realRoots.map((r) => ({ name: r === os.homedir() ? 'Home' : path.basename(r) || r, path: r }));
  if (realRoots.length === 0) throw new EncoreError('NOT_FOUND', 'There is no folder to browse on this computer');
  const wanted = dir ?? realRoots[0]!;
  if (!path.isAbsolute(wanted)) throw new EncoreError('VALIDATION_FAILED', 'Give a full path, starting at the root of the disk', { path: wanted });
  let real: string;
  try {
    real = fs.realpathSync(path.resolve(wanted));
  } catch (e) {
    throw new EncoreError('NOT_FOUND', 'This folder does not exist', { reason: codeOf(e) });
  }
  const root = realRoots.filter((r) => isInside(real, r)).sort((a, b) => b.length - a.length)[0];
  if (!root) throw new EncoreError('FORBIDDEN', 'Only folders in your home folder or on attached disks can be browsed', { roots: realRoots });
  let entries: fs.Dirent[];
  try {
    if (!fs.statSync(real).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    entries = fs.readdirSync(real, { withFileTypes: true });
  } catch (e) {
    const code = codeOf(e);
    if (code === 'EACCES' || code === 'EPERM') throw new EncoreError('FORBIDDEN', 'You do not have permission to open this folder', { reason: code });
    throw new EncoreError('NOT_FOUND', 'This folder cannot be opened', { reason: code });
  }
  const folders: { name: string; path: string }[] = [];
  let audioFiles = 0;
  for (const ent of entries) {
    if (!showHidden && ent.name.startsWith('.')) continue;
    const full = path.join(real, ent.name);
    const isDirEntry = ent.isDirectory() || (ent.isSymbolicLink() && isDir(full));
    if (isDirEntry) folders.push({ name: ent.name, path: full });
    else if (AUDIO_EXTENSIONS.has(path.extname(ent.name).toLowerCase())) audioFiles++;
  }
  folders.sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base', numeric: true }));
  return {
    path: real,
    parent: real === root ? null : path.dirname(real),
    roots: rootList,
    entries: folders.slice(0, MAX_BROWSE_ENTRIES),
    truncated: folders.length > MAX_BROWSE_ENTRIES,
    audioFiles,
  };
}

function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function codeOf(e: unknown): string {
  return (e as { code?: string } | null)?.code ?? 'unknown';
}
