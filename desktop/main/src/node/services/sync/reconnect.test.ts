import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { SyncCloseCode } from '@encore/shared/api/studio';
import type { ProjectSyncStatus } from '@encore/shared/host/collab';
import { silentLogger } from '../../logger';
import { projectHarness, type ProjectHarness } from '../projects/testing';
import { SyncService } from './SyncService';

/**
 * A y-websocket endpoint that closes the first socket with 4401 (its token "expired") and
 * serves the ones after it: the sync step of the protocol, enough for the stock provider to
 * report synced. Records the token of every connection.
 */
async function expiringServer(): Promise<{ url: string; tokens: string[]; close(): Promise<void> }> {
  const tokens: string[] = [];
  const serverDoc = new Y.Doc();
  const server = http.createServer();
  const wss = new WebSocketServer({ server });
  wss.on('connection', (ws, req) => {
    tokens.push(new URL(req.url ?? '/', 'http://x').searchParams.get('token') ?? '');
    if (tokens.length === 1) return ws.close(SyncCloseCode.UNAUTHENTICATED, 'the access token expired; reconnect with a fresh one');
    ws.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== 0) return;
      const reply = encoding.createEncoder();
      encoding.writeVarUint(reply, 0);
      syncProtocol.readSyncMessage(decoder, reply, serverDoc, null);
      if (encoding.length(reply) > 1) ws.send(encoding.toUint8Array(reply));
    });
    const step1 = encoding.createEncoder();
    encoding.writeVarUint(step1, 0);
    syncProtocol.writeSyncStep1(step1, serverDoc);
    ws.send(encoding.toUint8Array(step1));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    tokens,
    close: async () => {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

describe('SyncService reconnects when the server closes an expired socket (4401)', () => {
  let h: ProjectHarness | undefined;
  let sync: SyncService | undefined;
  let server: Awaited<ReturnType<typeof expiringServer>> | undefined;
  afterEach(async () => {
    sync?.dispose();
    await server?.close();
    h?.dispose();
  });

  it('asks for a fresh access token and syncs again', async () => {
    server = await expiringServer();
    h = projectHarness();
    const project = h.projects.create({ title: 'Shared' });
    h.db.sqlite.prepare('INSERT INTO shared_projects (project_id, server_url, server_project_id, role, shared_at) VALUES (?, ?, ?, ?, ?)').run(project.id, server.url, randomUUID(), 'owner', new Date().toISOString());
    const states: ProjectSyncStatus['state'][] = [];
    h.events.on('collab.status', (s) => states.push(s.state));
    let issued = 0;
    const base = server.url;
    sync = new SyncService({ db: h.db, events: h.events, projects: h.projects, accessToken: async () => `token-${++issued}`, syncServerUrl: () => base, log: silentLogger(), baseBackoffMs: 20, maxBackoffMs: 100 });
    const deadline = Date.now() + 20_000;
    while (sync.status(project.id).state !== 'synced' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(sync.status(project.id).state).toBe('synced');
    // The second socket carried a token obtained after the first was refused, not the old one.
    expect(server.tokens).toEqual(['token-1', 'token-2']);
    expect(states).toEqual(['syncing', 'offline', 'syncing', 'synced']);
  }, 30_000);
});
