import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const EXT: Record<string, string> = { 'image/jpeg': 'jpg', 'image/jpg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/gif': 'gif', 'image/bmp': 'bmp' };
const MIME_OF_EXT: Record<string, string> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif', bmp: 'image/bmp' };
/** Covers larger than this are ignored: they are almost always a broken tag, not a picture. */
export const MAX_ARTWORK_BYTES = 16 * 1024 * 1024;

/**
 * Cover images stored once per content under `<dir>/<aa>/<sha256>.<ext>`, so an album's
 * twenty tracks with the same embedded picture take the space of one. The original bytes are
 * kept (no native image library installs here); the renderer scales them.
 *
 * @example
 * const store = new ArtworkStore(path.join(desktopDir, 'artwork'));
 * const hash = store.put(bytes, 'image/png'); // '3f2a...'
 * store.get(hash); // { mime: 'image/png', bytes }
 */
export class ArtworkStore {
  constructor(readonly dir: string) {}

  /** Stores the bytes if new and returns their hash; null when they are not a usable image. */
  put(bytes: Uint8Array, mime: string): string | null {
    const ext = EXT[mime.toLowerCase()] ?? extFromMagic(bytes);
    if (!ext || bytes.length === 0 || bytes.length > MAX_ARTWORK_BYTES) return null;
    const hash = createHash('sha256').update(bytes).digest('hex');
    const file = this.fileOf(hash, ext);
    if (!fs.existsSync(file)) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      // Write then rename, so a crash never leaves a half-written picture under its hash.
      const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
      fs.writeFileSync(tmp, bytes);
      fs.renameSync(tmp, file);
    }
    return hash;
  }

  get(hash: string): { mime: string; bytes: Buffer } | null {
    const sub = path.join(this.dir, hash.slice(0, 2));
    for (const ext of Object.keys(MIME_OF_EXT)) {
      const file = path.join(sub, `${hash}.${ext}`);
      if (fs.existsSync(file)) return { mime: MIME_OF_EXT[ext]!, bytes: fs.readFileSync(file) };
    }
    return null;
  }

  private fileOf(hash: string, ext: string): string {
    return path.join(this.dir, hash.slice(0, 2), `${hash}.${ext}`);
  }
}

function extFromMagic(b: Uint8Array): string | null {
  if (b[0] === 0xff && b[1] === 0xd8) return 'jpg';
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'png';
  return null;
}

/** File names (lower-case) used as a folder's cover, best first, as foobar2000 and Strawberry do. */
export const FOLDER_COVER_NAMES = ['cover.jpg', 'cover.jpeg', 'cover.png', 'folder.jpg', 'folder.jpeg', 'folder.png', 'front.jpg', 'front.jpeg', 'front.png', 'albumart.jpg'];

/** Picks the folder cover among a directory's file names; null when there is none. */
export function pickFolderCover(names: Iterable<string>): string | null {
  const byLower = new Map<string, string>();
  for (const n of names) byLower.set(n.toLowerCase(), n);
  for (const candidate of FOLDER_COVER_NAMES) {
    const real = byLower.get(candidate);
    if (real) return real;
  }
  return null;
}

export function mimeOfCoverFile(name: string): string {
  const ext = path.extname(name).slice(1).toLowerCase();
  return MIME_OF_EXT[ext === 'jpeg' ? 'jpg' : ext] ?? 'application/octet-stream';
}
