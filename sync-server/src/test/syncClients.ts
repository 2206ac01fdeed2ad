import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { AuthResponse } from '@encore/shared/api/auth';
import { ProjectResponse, type StudioRole } from '@encore/shared/api/studio';
import type { Config, SyncConfig } from '../config';
import type { DatabaseHandle } from '../db/database';
import { startServer, type RunningServer } from '../server';
import { MemoryMailer } from '../services/mailer/memoryMailer';
import { testConfig } from './harness';

export interface Account {
  userId: string;
  username: string;
  token: string;
}

export interface SyncTestServer extends RunningServer {
  wsUrl: string;
}

/** A real server on a loopback port over `handle`, with fast sync timings for tests. */
export async function startSyncServer(handle: DatabaseHandle, o: { sync?: Partial<SyncConfig>; config?: Partial<Config> } = {}): Promise<SyncTestServer> {
  const base = testConfig({ port: 0, ...o.config });
  const config: Config = {
    ...base,
    sync: { ...base.sync, flushDelayMs: 20, idleUnloadMs: 60_000, reconcileIntervalMs: 1_000, ...o.sync },
    rateLimits: { ...base.rateLimits, registerPerIp: { limit: 100_000, windowMs: 60_000 }, loginPerIp: { limit: 100_000, windowMs: 60_000 } },
  };
  const server = await startServer({ config, logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }), mailer: new MemoryMailer(), database: handle });
  return { ...server, wsUrl: server.url.replace(/^http/, 'ws') + '/sync' };
}

export async function api<T>(baseUrl: string, method: string, path: string, o: { token?: string; json?: unknown } = {}): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = {};
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  if (o.json !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${baseUrl}${path}`, { method, headers, ...(o.json !== undefined ? { body: JSON.stringify(o.json) } : {}) });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** Registers a fresh account (unique name) and returns its access token. */
export async function signUp(baseUrl: string, prefix = 'u'): Promise<Account> {
  const username = `${prefix}${randomBytes(5).toString('hex')}`;
  const res = await api(baseUrl, 'POST', '/api/auth/register', { json: { email: `${username}@example.com`, username, password: 'correct horse battery staple' } });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  const auth = AuthResponse.parse(res.body);
  return { userId: auth.user.id, username, token: auth.accessToken };
}

/** Creates a project owned by `owner`, with the given members; returns its (document) id. */
export async function sharedProject(baseUrl: string, owner: Account, members: [Account, StudioRole][] = []): Promise<string> {
  const res = await api(baseUrl, 'POST', '/api/studio/projects', { token: owner.token, json: { name: 'Jam' } });
  if (res.status !== 201) throw new Error(`create project failed: ${res.status}`);
  const id = ProjectResponse.parse(res.body).project.id;
  for (const [m, role] of members) {
    const r = await api(baseUrl, 'POST', `/api/studio/projects/${id}/collaborators`, { token: owner.token, json: { username: m.username, role } });
    if (r.status !== 201) throw new Error(`add member failed: ${r.status}`);
  }
  return id;
}

export interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Close events seen (code, reason). */
  closes: { code: number; reason: string }[];
  destroy(): void;
}

/** The stock y-websocket client in Node, as the issue asks. */
export function client(wsUrl: string, docId: string, token: string, o: { connect?: boolean; doc?: Y.Doc } = {}): Client {
  const doc = o.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(wsUrl, docId, doc, { WebSocketPolyfill: WebSocket as never, disableBc: true, params: { token }, connect: o.connect ?? true, maxBackoffTime: 300 });
  const closes: Client['closes'] = [];
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  return {
    doc,
    provider,
    closes,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

export async function waitFor(cond: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!(await cond())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function synced(c: Client, timeoutMs = 10_000): Promise<void> {
  return waitFor(() => c.provider.synced, timeoutMs, 'sync');
}

/** The content of the shared types the tests use: map `m`, array `a`, text `t`. */
export function content(doc: Y.Doc): unknown {
  const m = doc.getMap('m').toJSON();
  // Map key order is insertion order per replica; the content is what matters.
  const sorted = Object.fromEntries(Object.keys(m).sort().map((k) => [k, m[k]]));
  return { m: sorted, a: doc.getArray('a').toJSON(), t: doc.getText('t').toString() };
}

/**
 * Converged: equal encoded snapshots (state vector and delete set, both canonical) and
 * equal content.
 */
export function sameState(a: Y.Doc, b: Y.Doc): boolean {
  const snap = (d: Y.Doc) => Buffer.from(Y.encodeSnapshot(Y.snapshot(d)));
  return snap(a).equals(snap(b)) && JSON.stringify(content(a)) === JSON.stringify(content(b));
}

/** A raw socket for protocol abuse: resolves once open, or with the HTTP status of a refusal. */
export function rawSocket(url: string, protocols?: string[]): Promise<{ ws?: WebSocket; status?: number; body?: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols);
    ws.on('open', () => resolve({ ws }));
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    ws.on('error', (e) => reject(e));
  });
}

export function closed(ws: WebSocket, timeoutMs = 10_000): Promise<{ code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    if (ws.readyState === ws.CLOSED) return resolve({ code: 1006, reason: '' });
    const t = setTimeout(() => reject(new Error('socket did not close')), timeoutMs);
    ws.on('close', (code, reason) => {
      clearTimeout(t);
      resolve({ code, reason: reason.toString() });
    });
  });
}

export { randomBytes };
