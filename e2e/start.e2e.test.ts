/**
 * `npm start` as a user runs it: the start script in its own process on a fresh data folder.
 * It prints every URL, creates and migrates the embedded database, and Ctrl-C (SIGINT)
 * stops every part cleanly with exit code 0, leaving no port open.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const dataDir = mkdtempSync(join(tmpdir(), 'encore-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => ok(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((ok) => {
    const s = createConnection({ host: '127.0.0.1', port });
    s.once('connect', () => (s.destroy(), ok(true)));
    s.once('error', () => ok(false));
  });
}

describe('npm start', () => {
  it('starts the whole stack on embedded defaults and stops cleanly on Ctrl-C', async () => {
    // Free ports: a fixed port could be answered by some other process's server.
    const [sync, media, host] = [await freePort(), await freePort(), await freePort()];
    const ports = { ENCORE_SYNC_PORT: String(sync), ENCORE_MEDIA_PORT: String(media), ENCORE_HOST_PORT: String(host) };
    const env: NodeJS.ProcessEnv = { ...process.env, ...ports, ENCORE_DATA_DIR: dataDir, ENCORE_SHELL: 'browser', LOG_LEVEL: 'warn' };
    delete env.DATABASE_URL;
    delete env.REDIS_URL;
    const child = spawn(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'scripts', 'start.ts')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
    // Whatever an assertion does, never leave the stack running behind the test.
    onTestFinished(() => {
      // The whole process group: the start script's own children too.
      if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
    });

    // The summary's last line: the host prints its own "Encore is running in browser mode" earlier.
    await expect.poll(() => out, { timeout: 120_000, interval: 250 }).toContain('Ctrl-C stops everything.');
    expect(out).toContain(`http://127.0.0.1:${sync}`);
    expect(out).toContain(`http://127.0.0.1:${media}`);
    expect(out).toMatch(new RegExp(`http://127\\.0\\.0\\.1:${host}/\\?token=[A-Za-z0-9_-]{16,}`));
    expect(out).toContain('embedded PGlite');
    expect(existsSync(join(dataDir, 'server', 'pglite'))).toBe(true);
    expect(existsSync(join(dataDir, 'desktop', 'encore.db'))).toBe(true);
    for (const p of [sync, media, host]) expect(await portOpen(p)).toBe(true);

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    for (const p of [sync, media, host]) expect(await portOpen(p)).toBe(false);
  });
});
