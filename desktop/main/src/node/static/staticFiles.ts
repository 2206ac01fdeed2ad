import fs from 'node:fs/promises';
import path from 'node:path';

/** What a request path maps to inside the renderer build. */
export type StaticTarget =
  | { kind: 'file'; file: string; size: number; contentType: string; cacheControl: string; isHtml: boolean }
  /** No such file and no extension: a client-side route, answered with index.html. */
  | { kind: 'spa' }
  | { kind: 'not-found' }
  /** Undecodable, a traversal attempt, a null byte or a backslash: refused outright. */
  | { kind: 'bad-request' };

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.flac': 'audio/flac',
  '.webm': 'video/webm',
  '.mid': 'audio/midi',
  '.sf2': 'application/octet-stream',
  '.onnx': 'application/octet-stream',
};

export function contentTypeOf(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a raw request path (still percent-encoded, as sent) to a file under `root`. The raw
 * path is used on purpose: URL parsers silently resolve `..` and `%2e%2e`, which would
 * hide an attack instead of refusing it. Symlinks may not lead outside the root either.
 *
 * @example
 * await resolveStatic('/app/dist', '/assets/index-3f2a.js'); // { kind: 'file', ... immutable }
 * await resolveStatic('/app/dist', '/%2e%2e/etc/passwd');     // { kind: 'bad-request' }
 */
export async function resolveStatic(root: string, rawPath: string): Promise<StaticTarget> {
  if (!rawPath.startsWith('/')) return { kind: 'bad-request' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { kind: 'bad-request' };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { kind: 'bad-request' };
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.')) return { kind: 'bad-request' };
  // Dotfiles (.env, .git) are never part of a build's public surface.
  if (segments.some((s) => s.startsWith('.'))) return { kind: 'not-found' };
  const rel = segments.length === 0 ? 'index.html' : segments.join('/');
  const realRoot = await fs.realpath(root);
  const file = path.resolve(realRoot, rel);
  if (!isInside(realRoot, file)) return { kind: 'bad-request' };

  let real: string;
  try {
    real = await fs.realpath(file);
  } catch {
    return path.extname(rel) === '' ? { kind: 'spa' } : { kind: 'not-found' };
  }
  if (!isInside(realRoot, real)) return { kind: 'not-found' };
  const stat = await fs.stat(real);
  if (!stat.isFile()) return path.extname(rel) === '' ? { kind: 'spa' } : { kind: 'not-found' };
  const isHtml = path.extname(real).toLowerCase() === '.html';
  // Vite puts content-hashed files under assets/: they never change, so cache them forever.
  const hashed = segments[0] === 'assets' && !isHtml;
  return { kind: 'file', file: real, size: stat.size, contentType: contentTypeOf(real), isHtml, cacheControl: hashed ? 'public, max-age=31536000, immutable' : 'no-cache' };
}

function isInside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}
