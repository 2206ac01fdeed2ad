import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../../../../../../..');

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => ok(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

/**
 * The real sync-server as its own process (`tsx sync-server/src/main.ts`) on loopback, with
 * embedded PGlite in `dataDir`: the desktop meets it only over HTTP, as in production, and a
 * test can stop it and start it again on the same port and data.
 */
export class LiveSyncServer {
  private proc: ChildProcess | null = null;
  private readonly secret = randomBytes(32).toString('hex');

  private constructor(
    readonly dataDir: string,
    readonly port: number,
  ) {}

  static async start(dataDir: string): Promise<LiveSyncServer> {
    const s = new LiveSyncServer(dataDir, await freePort());
    await s.restart();
    return s;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async restart(): Promise<void> {
    if (this.proc) throw new Error('already running');
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(this.port), HOST: '127.0.0.1', ENCORE_DATA_DIR: this.dataDir, ENCORE_JWT_SECRET: this.secret, BCRYPT_COST: '4', LOG_LEVEL: 'warn', NODE_ENV: 'test' };
    delete env.DATABASE_URL;
    delete env.REDIS_URL;
    const proc = spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(ROOT, 'sync-server/src/main.ts')], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
    this.proc = proc;
    const deadline = Date.now() + 300_000;
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`sync-server exited with ${proc.exitCode}`);
      try {
        if ((await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(2000) })).ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        proc.kill('SIGKILL');
        throw new Error('sync-server did not start within 300 s');
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async stop(): Promise<void> {
    const proc = this.proc;
    this.proc = null;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const kill = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      proc.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      proc.kill('SIGTERM');
    });
  }
}
