/**
 * `npm start` as a user runs it: the start script in its own process on a fresh data folder.
 * It prints every URL, creates and migrates the embedded database, and Ctrl-C (SIGINT)
 * stops every part cleanly with exit code 0, leaving no port open.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const dataDir = mkdtempSync(join(tmpdir(), 'encore-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function portOpen(port: number): Promise<boolean> {
  return new Promise((ok) => {
    const s = createConnection({ host: '127.0.0.1', port });
    s.once('connect', () => (s.destroy(), ok(true)));
    s.once('error', () => ok(false));
  });
}

describe('npm start', () => {
  it('starts the whole stack on embedded defaults and stops cleanly on Ctrl-C', async () => {
    const ports = { ENCORE_SYNC_PORT: '18787', ENCORE_MEDIA_PORT: '18788', ENCORE_HOST_PORT: '18790' };
    const env: NodeJS.ProcessEnv = { ...process.env, ...ports, ENCORE_DATA_DIR: dataDir, ENCORE_SHELL: 'browser', LOG_LEVEL: 'warn' };
    delete env.DATABASE_URL;
    delete env.REDIS_URL;
    const child = spawn(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'scripts', 'start.ts')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));

    // The summary's last line: the host prints its own "Encore is running in browser mode" earlier.
    await expect.poll(() => out, { timeout: 120_000, interval: 250 }).toContain('Ctrl-C stops everything.');
    expect(out).toContain('http://127.0.0.1:18787');
    expect(out).toContain('http://127.0.0.1:18788');
    expect(out).toMatch(/http:\/\/127\.0\.0\.1:18790\/\?token=[A-Za-z0-9_-]{16,}/);
    expect(out).toContain('embedded PGlite');
    expect(existsSync(join(dataDir, 'server', 'pglite'))).toBe(true);
    expect(existsSync(join(dataDir, 'desktop', 'encore.db'))).toBe(true);
    for (const p of [18787, 18788, 18790]) expect(await portOpen(p)).toBe(true);

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    for (const p of [18787, 18788, 18790]) expect(await portOpen(p)).toBe(false);
  });
});
