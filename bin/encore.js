#!/usr/bin/env node
// The `encore` command: headless Encore for scripts and servers. No build step is needed: the
// TypeScript CLI is bundled with esbuild (a dependency of the project) into
// node_modules/.cache/encore-cli on first use, and again whenever a source it was built from
// changed, then runs in this process. Starting from the bundle saves most of a second per run
// over transpiling the sources with tsx, and the render's worker threads start from a bundle too.
// If the bundle cannot be built, the sources run through tsx as before.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cliBundle } from './cliBundle.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

let main = null;
try {
  main = await cliBundle(root);
} catch (e) {
  if (process.env.ENCORE_DEBUG) process.stderr.write(`encore: running from the sources (bundle failed: ${e instanceof Error ? e.message : String(e)})\n`);
}
if (main) {
  const { runCli } = await import(pathToFileURL(main).href);
  process.exit(await runCli(process.argv.slice(2)));
} else {
  // tsx is resolved from this file, not from the caller's folder.
  const tsx = import.meta.resolve('tsx');
  const r = spawnSync(process.execPath, ['--import', tsx, join(root, 'desktop/main/src/cli/main.ts'), ...process.argv.slice(2)], {
    stdio: 'inherit',
    cwd: process.cwd(),
  });
  process.exit(r.status ?? 1);
}
