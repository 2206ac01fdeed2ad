/**
 * `npm start`: the whole stack on embedded defaults, one command.
 *
 * Starts the sync-server (embedded PGlite unless DATABASE_URL is set), the media-server and
 * the desktop host: an Electron window where Electron's binary is installed, otherwise
 * browser mode with its URL printed. Each runs as its own child process (as they would in
 * production), so a crash in one is visible and Ctrl-C stops all of them cleanly.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultDataDir, DEFAULT_PORTS } from '../shared/src/dataDir';
import { ensureRendererBuild } from './renderer-build';
import { electronBinary } from './electron';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');

export interface StackOptions {
  dataDir: string;
  syncPort: number;
  mediaPort: number;
  hostPort: number;
  host: string;
  hostToken: string;
  databaseUrl?: string;
  redisUrl?: string;
  /** 'auto' opens Electron when its binary is present, else browser mode. */
  shell: 'auto' | 'browser' | 'electron';
}

export function stackOptionsFromEnv(env = process.env): StackOptions {
  const port = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} must be a port number (0-65535), got "${raw}"`);
    return n;
  };
  const shell = env.ENCORE_SHELL ?? 'auto';
  if (shell !== 'auto' && shell !== 'browser' && shell !== 'electron') throw new Error(`ENCORE_SHELL must be auto, browser or electron, got "${shell}"`);
  return {
    dataDir: resolve(defaultDataDir({ env, platform: process.platform, home: homedir() })),
    syncPort: port('ENCORE_SYNC_PORT', DEFAULT_PORTS.syncServer),
    mediaPort: port('ENCORE_MEDIA_PORT', DEFAULT_PORTS.mediaServer),
    hostPort: port('ENCORE_HOST_PORT', DEFAULT_PORTS.browserMode),
    host: env.ENCORE_BIND ?? '127.0.0.1',
    hostToken: env.ENCORE_HOST_TOKEN || randomBytes(24).toString('base64url'),
    databaseUrl: env.DATABASE_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
    shell,
  };
}

interface Child {
  name: string;
  proc: ChildProcess;
}

/** Starts every part and resolves when all of them answer; returns a handle that stops them. */
export async function startStack(o: StackOptions, log: (line: string) => void = console.log) {
  mkdirSync(o.dataDir, { recursive: true });
  const syncUrl = `http://${o.host}:${o.syncPort}`;
  const mediaUrl = `http://${o.host}:${o.mediaPort}`;
  const hostOrigin = `http://${o.host}:${o.hostPort}`;
  const common: NodeJS.ProcessEnv = {
    ...process.env,
    ENCORE_DATA_DIR: o.dataDir,
    ENCORE_SYNC_URL: syncUrl,
    ENCORE_MEDIA_URL: mediaUrl,
    CORS_ORIGINS: [hostOrigin, `http://localhost:${o.hostPort}`, process.env.CORS_ORIGINS].filter(Boolean).join(','),
  };
  if (!o.databaseUrl) delete common.DATABASE_URL;
  if (!o.redisUrl) delete common.REDIS_URL;

  const children: Child[] = [];
  let stopping = false;
  const run = (name: string, script: string, env: NodeJS.ProcessEnv) => {
    const proc = spawn(tsx, [join(root, script)], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
    proc.on('exit', (code, signal) => {
      if (!stopping) log(`[encore] ${name} exited (${signal ?? code}); stopping the rest`);
      if (!stopping) void stop(code ?? 1);
    });
    children.push({ name, proc });
    return proc;
  };

  let resolveStopped!: (code: number) => void;
  const stopped = new Promise<number>((r) => (resolveStopped = r));
  const stop = async (code = 0) => {
    if (stopping) return stopped;
    stopping = true;
    await Promise.all(
      children.map(
        ({ proc }) =>
          new Promise<void>((r) => {
            if (proc.exitCode !== null || proc.signalCode !== null) return r();
            const kill = setTimeout(() => proc.kill('SIGKILL'), 8000);
            proc.once('exit', () => (clearTimeout(kill), r()));
            proc.kill('SIGTERM');
          }),
      ),
    );
    resolveStopped(code);
    return stopped;
  };

  run('sync-server', 'sync-server/src/main.ts', {
    ...common,
    PORT: String(o.syncPort),
    HOST: o.host,
    ...(o.databaseUrl ? { DATABASE_URL: o.databaseUrl } : {}),
    ...(o.redisUrl ? { REDIS_URL: o.redisUrl } : {}),
  });
  run('media-server', 'media-server/src/main.ts', { ...common, MEDIA_PORT: String(o.mediaPort), MEDIA_HOST: o.host });
  try {
    await Promise.all([waitForHealth(`${syncUrl}/health`, 90_000, () => stopping), waitForHealth(`${mediaUrl}/health`, 60_000, () => stopping)]);
    const dist = await ensureRendererBuild(log);
    const electron = o.shell === 'browser' ? null : electronBinary();
    if (o.shell === 'electron' && !electron) throw new Error("ENCORE_SHELL=electron but Electron's binary is not installed");
    const hostEnv = {
      ...common,
      ENCORE_HOST_PORT: String(o.hostPort),
      ENCORE_HOST_HOST: o.host,
      ENCORE_HOST_TOKEN: o.hostToken,
      ENCORE_RENDERER_DIST: dist,
    };
    if (electron) {
      const { buildElectronMain } = await import('./electron');
      const entry = await buildElectronMain();
      const proc = spawn(electron, [entry], { cwd: root, env: hostEnv, stdio: ['ignore', 'inherit', 'inherit'] });
      proc.on('exit', () => void stop(0));
      children.push({ name: 'electron', proc });
      log(`[encore] desktop app opened in Electron`);
    } else {
      run('desktop host', 'desktop/main/src/main.ts', hostEnv);
      await waitForHealth(`${hostOrigin}/`, 30_000, () => stopping, true);
    }
  } catch (e) {
    await stop(1);
    throw e;
  }
  const appUrl = `${hostOrigin}/?token=${o.hostToken}`;
  return { syncUrl, mediaUrl, appUrl, dataDir: o.dataDir, stop, stopped };
}

/** Polls until the URL answers 2xx (or, with `anyAnswer`, answers at all: the host's pages need its cookie). */
async function waitForHealth(url: string, timeoutMs: number, aborted: () => boolean, anyAnswer = false): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (aborted()) throw new Error(`stopped while waiting for ${url}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok || (anyAnswer && res.status < 500)) return;
    } catch {
      // not listening yet: keep polling until the deadline
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function main() {
  const o = stackOptionsFromEnv();
  console.log(`[encore] data folder: ${o.dataDir}${existsSync(o.dataDir) ? '' : ' (new)'}`);
  console.log(`[encore] database: ${o.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite under ${join(o.dataDir, 'server')}`}`);
  console.log(`[encore] redis: ${o.redisUrl ? 'REDIS_URL' : 'none (single instance)'}`);
  const stack = await startStack(o);
  const stopOn = (sig: NodeJS.Signals) =>
    process.once(sig, () => {
      console.log(`\n[encore] ${sig}: stopping…`);
      void stack.stop(0);
    });
  stopOn('SIGINT');
  stopOn('SIGTERM');
  console.log(
    [
      '',
      '  Encore is running',
      `  sync-server   ${stack.syncUrl}   (ENCORE_SYNC_PORT)`,
      `  media-server  ${stack.mediaUrl}   (ENCORE_MEDIA_PORT)`,
      `  app           ${stack.appUrl}`,
      `                (browser mode, ENCORE_HOST_PORT; open this URL in a browser)`,
      `  data          ${stack.dataDir}   (ENCORE_DATA_DIR)`,
      '  Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
  process.exitCode = await stack.stopped;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e: unknown) => {
    console.error(`[encore] failed to start: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
