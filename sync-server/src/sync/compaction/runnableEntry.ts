import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bundles = new Map<string, Promise<URL>>();

/**
 * A worker entry as JavaScript. The server runs from TypeScript sources under tsx (npm start,
 * tests), but Node 20 applies no loader to a worker's own entry reliably, so a `.ts` entry is
 * bundled with esbuild (which tsx brings) once per process into a `.mjs` under
 * node_modules/.cache, named by content — the same way as the desktop host's analysis pool.
 */
export function runnableEntry(entry: URL): Promise<URL> {
  if (!entry.pathname.endsWith('.ts')) return Promise.resolve(entry);
  let bundle = bundles.get(entry.href);
  if (!bundle) {
    bundle = (async () => {
      const { build } = await import('esbuild');
      const out = await build({ entryPoints: [fileURLToPath(entry)], write: false, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'silent' });
      const code = out.outputFiles[0]!.contents;
      const name = `${path.basename(entry.pathname, '.ts')}-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`;
      const nodeModules = path.dirname(path.dirname(createRequire(import.meta.url).resolve('esbuild/package.json')));
      // The bundle has no imports left but Node built-ins, so any folder does: the temporary one
      // when node_modules is read-only (a deployed image).
      let outfile = '';
      for (const dir of [path.join(nodeModules, '.cache', 'encore-workers'), path.join(os.tmpdir(), 'encore-workers')]) {
        try {
          outfile = path.join(dir, name);
          if (!fs.existsSync(outfile)) {
            fs.mkdirSync(dir, { recursive: true });
            const tmp = `${outfile}.${process.pid}.tmp`;
            fs.writeFileSync(tmp, code);
            fs.renameSync(tmp, outfile);
          }
          break;
        } catch (e) {
          if (dir.startsWith(os.tmpdir())) throw e;
        }
      }
      return pathToFileURL(outfile);
    })();
    bundles.set(entry.href, bundle);
    // A failed build is retried by the next caller rather than cached.
    bundle.catch(() => bundles.delete(entry.href));
  }
  return bundle;
}
