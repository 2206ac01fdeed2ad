/**
 * `npm test`: every test in one run — unit and integration (node), Chromium (browser) and
 * end-to-end against the running stack (e2e) — then one closing summary line.
 *
 * With DATABASE_URL / REDIS_URL set the integration suites also run against real
 * PostgreSQL / Redis; in CI (CI=true) their absence, or Chromium's, is a failure.
 * Extra arguments go to Vitest (e.g. `npm test -- --project node sync-server`).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_PATH } from './chromium';
import { ensureRendererBuild } from './renderer-build';
import { testServices } from './test-env';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<number> {
  const services = testServices();
  if (!existsSync(CHROMIUM_PATH)) {
    const msg = `Chromium not found at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`;
    if (process.env.CI) throw new Error(msg);
    console.warn(`[test] ${msg}: browser and e2e tests will fail`);
  }
  console.log(`[test] PostgreSQL: ${services.databaseUrl ?? 'not set (PGlite only)'}; Redis: ${services.redisUrl ?? 'not set (memory stores only)'}`);
  await ensureRendererBuild();
  const results = join(root, 'test-results');
  mkdirSync(results, { recursive: true });
  const json = join(results, 'vitest.json');
  const args = ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${json}`, ...process.argv.slice(2)];
  const code = await new Promise<number>((ok) => {
    const p = spawn(join(root, 'node_modules', '.bin', 'vitest'), args, { cwd: root, stdio: 'inherit' });
    p.on('exit', (c, sig) => ok(c ?? (sig ? 1 : 0)));
  });
  if (existsSync(json)) {
    const r = JSON.parse(readFileSync(json, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number; numTotalTests: number };
    if (r.numTotalTests === 0) {
      console.error('[test] no test ran');
      return 1;
    }
    console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
  }
  return code;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`[test] ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
