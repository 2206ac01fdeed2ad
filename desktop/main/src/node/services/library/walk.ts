import fs from 'node:fs';
import path from 'node:path';
import { AUDIO_EXTENSIONS } from './sniff';

export interface WalkedFile {
  path: string;
  size: number;
  mtimeMs: number;
}

/** One directory's audio files and the names of all its files (for folder covers). */
export interface WalkedDir {
  dir: string;
  files: WalkedFile[];
  names: string[];
}

export interface SkippedDir {
  path: string;
  reason: string;
}

export interface WalkOptions {
  /** Replaceable for tests: root cannot make a folder unreadable by permissions. */
  readdir?: (dir: string) => Promise<fs.Dirent[]>;
  /** Called for folders not read (unreadable, or a symlink back into the walk). */
  onSkip?: (s: SkippedDir) => void;
}

const defaultReaddir = (dir: string) => fs.promises.readdir(dir, { withFileTypes: true });

/**
 * Walks a folder recursively, yielding one entry per directory, depth first. Symlinks are
 * followed, but every directory is entered once by its device+inode, so a link back to an
 * ancestor (a loop) or to a folder already walked is skipped and reported, not followed
 * forever. A folder that cannot be read is reported and the walk goes on.
 *
 * @example
 * for await (const d of walk('/music', { onSkip: (s) => log.warn(s) })) for (const f of d.files) ...
 */
export async function* walk(root: string, o: WalkOptions = {}): AsyncGenerator<WalkedDir> {
  const readdir = o.readdir ?? defaultReaddir;
  const visited = new Set<string>();
  const stack: string[] = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      const st = await fs.promises.stat(dir);
      const key = `${st.dev}:${st.ino}`;
      if (visited.has(key)) {
        o.onSkip?.({ path: dir, reason: 'symlink loop or folder already scanned' });
        continue;
      }
      visited.add(key);
      entries = await readdir(dir);
    } catch (e) {
      o.onSkip?.({ path: dir, reason: `unreadable folder: ${(e as { code?: string }).code ?? String(e)}` });
      continue;
    }
    const files: WalkedFile[] = [];
    const names: string[] = [];
    const subdirs: string[] = [];
    for (const ent of entries) {
      const full = path.join(dir, ent.name);
      let isDir = ent.isDirectory();
      let isFile = ent.isFile();
      if (ent.isSymbolicLink()) {
        try {
          const target = await fs.promises.stat(full);
          isDir = target.isDirectory();
          isFile = target.isFile();
        } catch {
          // A dangling link points nowhere: nothing to import, nothing to report.
          continue;
        }
      }
      if (isDir) {
        if (!ent.name.startsWith('.')) subdirs.push(full);
        continue;
      }
      if (!isFile) continue;
      names.push(ent.name);
      if (!AUDIO_EXTENSIONS.has(path.extname(ent.name).toLowerCase())) continue;
      try {
        const st = await fs.promises.stat(full);
        files.push({ path: full, size: st.size, mtimeMs: Math.trunc(st.mtimeMs) });
      } catch {
        // Deleted between readdir and stat: it is simply not there.
      }
    }
    // Reverse so the stack pops subfolders in name order.
    stack.push(...subdirs.sort().reverse());
    files.sort((a, b) => (a.path < b.path ? -1 : 1));
    yield { dir, files, names };
  }
}

/** True when `p` is `dir` itself or inside it. */
export function isInside(p: string, dir: string): boolean {
  return p === dir || p.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
}
