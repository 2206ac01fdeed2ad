import { describe, expect, it } from 'vitest';
import { createCatalogApi } from './catalogApi';
import { sha256Hex, uploadMaster, type UploadMemory, type UploadProgress } from './publishUpload';

const UPLOAD_ID = '11111111-1111-4111-8111-111111111111';

/** The upload routes of the sync-server, in memory: chunk bookkeeping and the checksum check on complete. */
function fakeUploads(chunkSize: number, failOnChunk: number | null) {
  let size = 0;
  let sha = '';
  let state: 'open' | 'complete' = 'open';
  const chunks = new Map<number, Uint8Array>();
  const puts: number[] = [];
  let failing = failOnChunk;
  const status = () => {
    const count = Math.ceil(size / chunkSize);
    const missing = [...Array(count).keys()].filter((i) => !chunks.has(i));
    const received = [...chunks.values()].reduce((n, c) => n + c.byteLength, 0);
    return { id: UPLOAD_ID, state, size, chunkSize, chunkCount: count, receivedBytes: received, receivedRanges: [], missingChunks: missing, filename: 'song.wav', probe: null };
  };
  const json = (b: unknown, s = 200) => new Response(JSON.stringify(b), { status: s });
  const fetchImpl = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input));
    const method = init.method ?? 'GET';
    if (method === 'POST' && url.pathname === '/api/uploads') {
      const body = JSON.parse(String(init.body)) as { size: number; sha256: string };
      size = body.size;
      sha = body.sha256;
      return json(status(), 201);
    }
    const chunk = /\/chunks\/(\d+)$/.exec(url.pathname);
    if (method === 'PUT' && chunk) {
      const index = Number(chunk[1]);
      if (failing === index) {
        failing = null;
        throw new TypeError('network down');
      }
      puts.push(index);
      chunks.set(index, new Uint8Array(init.body as Uint8Array));
      return json(status());
    }
    if (method === 'POST' && url.pathname.endsWith('/complete')) {
      const all = new Uint8Array(size);
      for (const [i, c] of chunks) all.set(c, i * chunkSize);
      if ((await sha256Hex(all)) !== sha) return json({ error: { code: 'CHECKSUM_MISMATCH', message: 'bad sum', timestamp: '', requestId: 'r' } }, 400);
      state = 'complete';
      return json(status());
    }
    if (method === 'GET') return json(status());
    return json({ error: { code: 'NOT_FOUND', message: url.pathname, timestamp: '', requestId: 'r' } }, 404);
  };
  return { fetchImpl, puts };
}

function memory(): UploadMemory & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, get: (s) => map.get(s) ?? null, set: (s, id) => void map.set(s, id), delete: (s) => void map.delete(s) };
}

describe('uploadMaster', () => {
  it('computes the SHA-256 like Node does', async () => {
    const bytes = new TextEncoder().encode('encore');
    // printf encore | sha256sum
    expect(await sha256Hex(bytes)).toBe('f7b4ccaa2c70afd3fa74a980d9df3db4fbacf146ce6c6e70c0ab74b70f26f43e');
  });

  it('resumes after a dropped connection, sending only the missing chunks', async () => {
    const bytes = new Uint8Array(5 * 1000 + 123).map((_, i) => i % 251);
    const server = fakeUploads(1000, 3);
    const api = createCatalogApi({ baseUrl: async () => 'http://sync.test', accessToken: async () => 'tok', fetch: server.fetchImpl });
    const mem = memory();
    const progress: UploadProgress[] = [];
    await expect(uploadMaster(api, bytes, 'song.wav', 'audio/wav', mem, (p) => progress.push(p))).rejects.toMatchObject({ code: 'OFFLINE' });
    expect(server.puts).toEqual([0, 1, 2]);
    expect(mem.map.size).toBe(1);

    const done = await uploadMaster(api, bytes, 'song.wav', 'audio/wav', mem, (p) => progress.push(p));
    expect(done.state).toBe('complete');
    // Chunks 0-2 were not sent again.
    expect(server.puts).toEqual([0, 1, 2, 3, 4, 5]);
    const last = progress.at(-1)!;
    expect(last).toEqual({ phase: 'verify', sentBytes: bytes.byteLength, totalBytes: bytes.byteLength });
    expect(progress.filter((p) => p.phase === 'upload').map((p) => p.sentBytes)).toContain(3000);
  });
});
