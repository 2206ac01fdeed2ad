/**
 * A client worker of bench/sync.ts: stock y-websocket providers for a share of the rooms, in
 * their own process so that at thousands of sockets the load generator is not the server's
 * bottleneck. All clients of one room live in one worker, so fan-out latency is measured on
 * one clock. Driven over IPC: connect → go → finish.
 */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { ClientsReply, ClientsRequest, RoomSpec } from './protocol';

interface Peer {
  key: string;
  doc: Y.Doc;
  provider: WebsocketProvider;
  sent: number;
}

type Entry = [key: string, n: number, sentAt: number];

const rooms: Peer[][] = [];
const connectMs: number[] = [];
const fanoutMs: number[] = [];
const intervals: NodeJS.Timeout[] = [];

function send(m: ClientsReply): void {
  process.send?.(m);
}

async function inBatches<T>(items: T[], size: number, fn: (t: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

async function connect(wsBase: string, specs: RoomSpec[], concurrency: number): Promise<void> {
  const flat = specs.flatMap((r, room) => r.tokens.map((token) => ({ room, token, docId: r.docId })));
  specs.forEach(() => rooms.push([]));
  await inBatches(flat, concurrency, async ({ room, token, docId }) => {
    const doc = new Y.Doc();
    const start = performance.now();
    const provider = new WebsocketProvider(wsBase, docId, doc, { WebSocketPolyfill: WebSocket as never, disableBc: true, params: token ? { token } : {} });
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('connect timeout')), 60_000);
      provider.once('sync', () => {
        clearTimeout(t);
        resolve();
      });
    });
    connectMs.push(performance.now() - start);
    const key = `${room}:${rooms[room]!.length}`;
    doc.getArray<Entry>('a').observe((e) => {
      if (e.transaction.local) return;
      const now = performance.now();
      for (const d of e.changes.delta) if (d.insert) for (const item of d.insert as Entry[]) fanoutMs.push(now - item[2]);
    });
    rooms[room]!.push({ key, doc, provider, sent: 0 });
  });
}

function go(updateEveryMs: number): void {
  rooms.flat().forEach((p, i) => {
    // Spread the clients' ticks over the interval instead of firing them all at once.
    const offset = setTimeout(() => {
      intervals.push(setInterval(() => p.doc.getArray<Entry>('a').push([[p.key, p.sent++, performance.now()]]), updateEveryMs));
    }, (i * 37) % updateEveryMs);
    intervals.push(offset);
  });
}

async function finish(quiesceMs: number): Promise<void> {
  const deadline = Date.now() + quiesceMs;
  const expected = (room: Peer[]) => room.reduce((n, p) => n + p.sent, 0);
  const done = () => rooms.every((room) => room.every((p) => p.doc.getArray('a').length === expected(room)));
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  let lost = 0;
  let diverged = 0;
  for (const room of rooms) {
    for (const p of room) lost += Math.max(0, expected(room) - p.doc.getArray('a').length);
    const sv = Buffer.from(Y.encodeStateVector(room[0]!.doc));
    if (room.some((p) => !Buffer.from(Y.encodeStateVector(p.doc)).equals(sv))) diverged++;
  }
  const sent = rooms.flat().reduce((n, p) => n + p.sent, 0);
  for (const p of rooms.flat()) {
    p.provider.destroy();
    p.doc.destroy();
  }
  send({ type: 'finished', fanoutMs, sent, lost, diverged });
}

// Every stock provider adds a process 'exit' listener.
process.setMaxListeners(0);
process.on('message', (m: ClientsRequest) => {
  if (m.type === 'connect') {
    connect(m.wsBase, m.rooms, m.concurrency).then(
      () => send({ type: 'connected', connectMs }),
      (err: unknown) => {
        process.stderr.write(`bench/sync clients: ${String(err)}\n`);
        process.exit(1);
      },
    );
  } else if (m.type === 'go') {
    go(m.updateEveryMs);
    setTimeout(() => {
      for (const t of intervals) clearInterval(t);
      send({ type: 'ran' });
    }, m.seconds * 1000);
  } else void finish(m.quiesceMs);
});
// The orchestrator stopped (finished, failed or hit its time limit): stop with it.
process.on('disconnect', () => process.exit(0));
