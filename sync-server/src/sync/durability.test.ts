import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { SyncCloseCode } from '@encore/shared/api/studio';
import { testServices } from '../../../scripts/test-env';
import { openDatabase, type DatabaseHandle } from '../db/database';
import { databaseKinds, type DatabaseKind } from '../test/databases';
import { client, content, sameState, sharedProject, signUp, synced, waitFor, type Client } from '../test/syncClients';
import { DocStore } from './persistence';

const SERVER_DIR = fileURLToPath(new URL('../..', import.meta.url));
const EDITS_PER_CLIENT = 150;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** Where the child keeps its data: a PGlite folder, or a fresh PostgreSQL database. */
async function target(kind: DatabaseKind): Promise<{ env: Record<string, string>; open: () => Promise<DatabaseHandle>; dispose: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'encore-kill-'));
  if (kind === 'pglite') {
    return {
      env: { ENCORE_DATA_DIR: dataDir },
      open: () => Promise.reject(new Error('the PGlite folder is read through the restarted server')),
      dispose: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const base = testServices().databaseUrl;
  if (!base) throw new Error('DATABASE_URL is not set');
  const name = `encore_t_${randomBytes(6).toString('hex')}`;
  const admin = postgres(base, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    env: { ENCORE_DATA_DIR: dataDir, DATABASE_URL: url.toString() },
    open: () => openDatabase({ driver: 'postgres', url: url.toString() }),
    dispose: async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function spawnServer(port: number, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: SERVER_DIR,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'error', BCRYPT_COST: '4', NODE_ENV: 'test', REDIS_URL: '', SYNC_FLUSH_MS: '50' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

async function healthy(url: string): Promise<void> {
  await waitFor(async () => (await fetch(`${url}/health`).catch(() => undefined))?.ok === true, 30_000, 'server health');
}

function kill9(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

for (const kind of databaseKinds()) {
  describe(`kill -9 of the server mid-stream [${kind}]`, () => {
    const children: ChildProcess[] = [];
    afterAll(async () => {
      for (const c of children) await kill9(c);
    });

    it('loses no edit: clients reconnect to the restarted server and every edit is stored after the next flush', async () => {
      const t = await target(kind);
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const env = { ...t.env, ENCORE_JWT_SECRET: randomBytes(32).toString('hex') };
      const clients: Client[] = [];
      try {
        let child = spawnServer(port, env);
        children.push(child);
        await healthy(url);
        const alice = await signUp(url, 'kill');
        const bob = await signUp(url, 'kill');
        const docId = await sharedProject(url, alice, [[bob, 'editor']]);
        clients.push(client(`ws://127.0.0.1:${port}/sync`, docId, alice.token), client(`ws://127.0.0.1:${port}/sync`, docId, bob.token));
        await Promise.all(clients.map((c) => synced(c)));

        // Both clients edit continuously; the server is killed after a third of the edits.
        const edits = clients.map(async (c, who) => {
          for (let i = 0; i < EDITS_PER_CLIENT; i++) {
            c.doc.getArray('a').push([`${who}:${i}`]);
            if (i % 3 === 0) c.doc.getText('t').insert(0, String(who));
            await new Promise((r) => setTimeout(r, 4));
          }
        });
        await waitFor(() => clients.every((c) => c.doc.getArray('a').length >= EDITS_PER_CLIENT / 3), 10_000, 'first edits');
        await kill9(child);
        child = spawnServer(port, env);
        children.push(child);
        await Promise.all(edits);
        await healthy(url);

        await waitFor(() => clients.every((c) => c.provider.synced && c.doc.getArray('a').length === 2 * EDITS_PER_CLIENT) && sameState(clients[0]!.doc, clients[1]!.doc), 30_000, 'every edit after the restart');
        const expected = content(clients[0]!.doc);

        // After the next flush the database holds it all, even if the server dies again at once:
        // a client with no local state, on a server restarted after a second kill -9, gets it all.
        await new Promise((r) => setTimeout(r, 500));
        await kill9(child);
        for (const c of clients) c.provider.disconnect();
        child = spawnServer(port, env);
        children.push(child);
        await healthy(url);
        const reader = client(`ws://127.0.0.1:${port}/sync`, docId, alice.token);
        clients.push(reader);
        await synced(reader, 20_000);
        expect(content(reader.doc)).toEqual(expected);
        expect(sameState(reader.doc, clients[0]!.doc)).toBe(true);
        await kill9(child);
        if (kind === 'postgres') {
          const handle = await t.open();
          try {
            const stored = await new DocStore({ db: handle.db, log: silentLog, flushDelayMs: 50, flushMaxUpdates: 100 }).load(docId);
            expect(content(stored.doc)).toEqual(expected);
          } finally {
            await handle.close();
          }
        }
      } finally {
        for (const c of clients) c.destroy();
        await t.dispose();
      }
    }, 120_000);
  });
}

describe('a document whose stored state does not load', () => {
  it('refuses sockets with a clear close reason and never overwrites what is stored', async () => {
    const { scratchDatabase } = await import('../test/databases');
    const { startSyncServer } = await import('../test/syncClients');
    const { docUpdates } = await import('../db/schema/index');
    const { eq } = await import('drizzle-orm');
    const scratch = await scratchDatabase('pglite');
    const server = await startSyncServer(scratch.handle);
    try {
      const alice = await signUp(server.url, 'broken');
      const docId = await sharedProject(server.url, alice);
      const garbage = new Uint8Array([0xff, 0x01, 0x02, 0x03]);
      await scratch.handle.db.insert(docUpdates).values({ docId, update: garbage });
      const c = client(server.wsUrl, docId, alice.token);
      c.doc.getText('t').insert(0, 'must not replace the stored state');
      await waitFor(() => c.closes.some((x) => x.code === SyncCloseCode.LOAD_FAILED), 10_000, 'load-failed close');
      expect(c.closes[0]?.reason).toMatch(/failed to load/);
      c.destroy();
      await server.sync.flush();
      const rows = await scratch.handle.db.select().from(docUpdates).where(eq(docUpdates.docId, docId));
      expect(rows.map((r) => [...r.update])).toEqual([[...garbage]]);
    } finally {
      await server.close();
      await scratch.dispose();
    }
  });
});

const silentLog = (await import('pino')).pino({ level: 'silent' });
