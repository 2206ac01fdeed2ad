/**
 * The Electron shell, where Electron's binary exists. On machines without it (CI, servers,
 * this project's build machines: the binary cannot be downloaded there) `npm start` runs the
 * same host in browser mode instead, so none of this is exercised by the tests.
 */
import type { BuildOptions } from 'esbuild';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The path of Electron's binary, or null when only its JS package is installed. */
export function electronBinary(): string | null {
  try {
    const require = createRequire(join(root, 'desktop', 'main', 'package.json'));
    const p = require('electron') as unknown;
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null; // the package throws when its binary was never downloaded
  }
}

/** Bundles the Electron main process and preload (CommonJS, as Electron's sandboxed preload needs). */
export async function buildElectronMain(): Promise<string> {
  const { build } = await import('esbuild');
  const out = join(root, 'desktop', 'main', 'dist');
  const common: BuildOptions = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['electron', 'better-sqlite3'],
    logLevel: 'warning',
  };
  await build({ ...common, entryPoints: [join(root, 'desktop/main/src/electron-main/main.ts')], outfile: join(out, 'main.cjs') });
  await build({ ...common, entryPoints: [join(root, 'desktop/main/src/electron-main/preload.ts')], outfile: join(out, 'preload.cjs') });
  return join(out, 'main.cjs');
}
