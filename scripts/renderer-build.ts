import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const renderer = join(root, 'desktop', 'renderer');
export const rendererDist = join(renderer, 'dist');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** True when dist/ is missing or older than any renderer or shared source. */
export function rendererBuildIsStale(): boolean {
  const index = join(rendererDist, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  const sources = [join(renderer, 'src'), join(root, 'shared', 'src'), join(root, 'desktop', 'audio-engine', 'src')].filter(existsSync);
  return sources.some((d) => newestMtime(d) > built) || ['index.html', 'admin.html', 'vite.config.ts'].some((f) => existsSync(join(renderer, f)) && statSync(join(renderer, f)).mtimeMs > built);
}

/** Builds the renderer with Vite when its build is missing or stale; returns the dist folder. */
export async function ensureRendererBuild(log: (line: string) => void = console.log): Promise<string> {
  if (!rendererBuildIsStale()) return rendererDist;
  log('[encore] building the app UI (vite build)…');
  await new Promise<void>((ok, fail) => {
    const p = spawn(join(root, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], { cwd: renderer, stdio: 'inherit' });
    p.on('exit', (code) => (code === 0 ? ok() : fail(new Error(`vite build failed (exit ${code})`))));
  });
  return rendererDist;
}
