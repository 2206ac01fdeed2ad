/**
 * Load time of stored documents: a document of N MB is written through the socket, every
 * client leaves, the server unloads it (Encore after its idle delay, the reference at once),
 * then a fresh stock client is timed from connect to synced — the server reads the document
 * back from its database (PostgreSQL / LevelDB) and sends it.
 */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/** 1 KB strings: a document of many small items, like a real project's. */
const ITEM = 'x'.repeat(1024);
/** Items per transaction: ~4 MB messages, under Encore's 16 MiB message limit. */
const PER_PUSH = 4096;

export interface LoadTarget {
  wsBase: string;
  /** A new document id and a token for it. */
  newDocument(): Promise<{ docId: string; token: string | undefined }>;
  /** Documents the server holds in memory. */
  documentsInMemory(): Promise<number>;
}

/**
 * Connects and resolves once synced and `complete(doc)` holds: the reference server answers
 * the handshake before its LevelDB read finishes and sends the stored state afterwards, so
 * "synced" alone would time an empty document there.
 */
function open(wsBase: string, docId: string, token: string | undefined, doc: Y.Doc, complete: (d: Y.Doc) => boolean = () => true): Promise<{ provider: WebsocketProvider; ms: number }> {
  const start = performance.now();
  const provider = new WebsocketProvider(wsBase, docId, doc, { WebSocketPolyfill: WebSocket as never, disableBc: true, params: token ? { token } : {} });
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('load timeout')), 120_000);
    const check = () => {
      if (!provider.synced || !complete(doc)) return;
      clearTimeout(t);
      doc.off('update', check);
      resolve({ provider, ms: performance.now() - start });
    };
    provider.on('sync', check);
    doc.on('update', check);
  });
}

async function until(cond: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Writes a document of `mb` MB and returns connect-to-synced times of `runs` cold loads (ms). */
export async function measureLoad(target: LoadTarget, mb: number, runs: number): Promise<{ mb: number; encodedBytes: number; loadMs: number[] }> {
  const { docId, token } = await target.newDocument();
  const items = mb * 1024;
  const writerDoc = new Y.Doc();
  const writer = await open(target.wsBase, docId, token, writerDoc);
  const arr = writerDoc.getArray<string>('a');
  for (let i = 0; i < items; i += PER_PUSH) {
    arr.push(Array.from({ length: Math.min(PER_PUSH, items - i) }, () => ITEM));
    // Let each message leave before the next is built.
    await until(async () => (writer.provider.ws?.bufferedAmount ?? 0) === 0, 60_000, 'send buffer drained');
  }
  const encodedBytes = Y.encodeStateAsUpdate(writerDoc).byteLength;
  // A second client proves the server holds it all before the writer leaves.
  const checkDoc = new Y.Doc();
  const check = await open(target.wsBase, docId, token, checkDoc, (d) => d.getArray('a').length === items);
  for (const p of [writer.provider, check.provider]) p.destroy();
  writerDoc.destroy();
  checkDoc.destroy();
  const loadMs: number[] = [];
  for (let r = 0; r < runs; r++) {
    await until(async () => (await target.documentsInMemory()) === 0, 60_000, 'document unloaded');
    // Let the reference server's LevelDB writes settle as well.
    await new Promise((res) => setTimeout(res, 500));
    const doc = new Y.Doc();
    const cold = await open(target.wsBase, docId, token, doc, (d) => d.getArray('a').length === items);
    loadMs.push(Math.round(cold.ms * 10) / 10);
    cold.provider.destroy();
    doc.destroy();
  }
  return { mb, encodedBytes, loadMs };
}
