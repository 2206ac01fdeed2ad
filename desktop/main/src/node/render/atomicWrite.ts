import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { EncoreError } from '@encore/shared/errors';

/** A hidden temporary path beside `path` (same folder, so the final rename is atomic). */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

export function outputError(path: string, e: unknown): EncoreError {
  if (e instanceof EncoreError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'its folder does not exist' : code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : (code ?? String(e));
  return new EncoreError('BAD_REQUEST', `cannot write ${path}: ${why}`, { reason: 'unwritable-output' });
}

/**
 * Produces `path` through a temporary file: `fill` writes the temporary path, which is renamed
 * into place on success and removed on failure, so `path` is never left half-written.
 *
 * @example
 * await withTempOutput('mix.flac', (tmp) => runFfmpeg(['-i', wav, tmp]));
 */
export async function withTempOutput<T>(path: string, fill: (tmp: string) => Promise<T>): Promise<T> {
  const tmp = tempPathFor(path);
  try {
    const result = await fill(tmp);
    await rename(tmp, path);
    return result;
  } catch (e) {
    await rm(tmp, { force: true });
    throw outputError(path, e);
  }
}

/** Writes bytes to `path` atomically (see {@link withTempOutput}). */
export function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  return withTempOutput(path, (tmp) => writeFile(tmp, bytes));
}
