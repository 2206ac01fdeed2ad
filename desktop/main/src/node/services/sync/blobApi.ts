import { createWriteStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BLOB_CHUNK_LIMIT_HEADER, BLOB_UPLOAD_OFFSET_HEADER, BlobUploadResponse } from '@encore/shared/api/studio';
import { EncoreError } from '@encore/shared/errors';
import { serverError } from './studioApi';

/** What HEAD says about a blob of a shared project. */
export interface BlobHead {
  /** The project holds it (possibly just linked from another of the user's projects). */
  held: boolean;
  /** Bytes of a partial upload the server already has. */
  offset: number;
  /** Largest PUT body the server takes. */
  chunkLimit: number;
}

/**
 * HTTP client of the sync-server's project blobs (`/api/studio/projects/:id/blobs/:sha256`):
 * HEAD, chunked resumable PUT, and a streamed GET into a file. Unreachable server → OFFLINE;
 * error envelopes → EncoreError with the server's code.
 *
 * @example
 * const api = new BlobApi();
 * const h = await api.head(base, token, serverProjectId, sha256);
 * if (!h.held) await api.putChunk(base, token, serverProjectId, sha256, bytes, h.offset, total);
 */
export class BlobApi {
  constructor(private readonly o: { timeoutMs?: number; fetch?: typeof fetch } = {}) {}

  async head(base: string, token: string, projectId: string, sha256: string): Promise<BlobHead> {
    const res = await this.send(base, token, 'HEAD', projectId, sha256);
    if (res.status !== 200 && res.status !== 404) throw serverError(res.status, undefined, 'HEAD blob');
    return {
      held: res.status === 200,
      offset: Number(res.headers.get(BLOB_UPLOAD_OFFSET_HEADER) ?? 0) || 0,
      chunkLimit: Number(res.headers.get(BLOB_CHUNK_LIMIT_HEADER) ?? 0) || 1024 * 1024,
    };
  }

  /** Sends bytes `start..start+bytes.length` of a blob of `total` bytes. */
  async putChunk(base: string, token: string, projectId: string, sha256: string, bytes: Uint8Array, start: number, total: number): Promise<BlobUploadResponse> {
    const res = await this.send(base, token, 'PUT', projectId, sha256, {
      headers: { 'content-type': 'application/octet-stream', 'content-range': `bytes ${start}-${start + bytes.byteLength - 1}/${total}` },
      body: bytes,
    });
    const json = await readJson(res);
    if (!res.ok) throw serverError(res.status, json, 'PUT blob');
    const parsed = BlobUploadResponse.safeParse(json);
    if (!parsed.success) throw new EncoreError('INTERNAL', 'The Encore server sent a response this app does not understand', { path: 'PUT blob' });
    return parsed.data;
  }

  /** Streams the blob into `file`, reporting bytes received; the caller verifies the hash. */
  async download(base: string, token: string, projectId: string, sha256: string, file: string, onProgress: (loaded: number, total: number) => void, signal?: AbortSignal): Promise<void> {
    const res = await this.send(base, token, 'GET', projectId, sha256, { stream: true, ...(signal ? { signal } : {}) });
    if (!res.ok || !res.body) throw serverError(res.status, await readJson(res), 'GET blob');
    const total = Number(res.headers.get('content-length') ?? 0);
    let loaded = 0;
    const count = new Transform({
      transform(chunk: Buffer, _enc, done) {
        loaded += chunk.byteLength;
        onProgress(loaded, total);
        done(null, chunk);
      },
    });
    try {
      await pipeline(Readable.fromWeb(res.body as never), count, createWriteStream(file));
    } catch (e) {
      throw new EncoreError('OFFLINE', 'The download was interrupted; it is retried at the next sync', { sha256, cause: e instanceof Error ? e.message : String(e) });
    }
  }

  private async send(base: string, token: string, method: string, projectId: string, sha256: string, o: { headers?: Record<string, string>; body?: Uint8Array; stream?: boolean; signal?: AbortSignal } = {}): Promise<Response> {
    const url = `${base}/api/studio/projects/${encodeURIComponent(projectId)}/blobs/${encodeURIComponent(sha256)}`;
    // A streamed download may take long; only the wait for its headers is bounded here.
    const timeout = AbortSignal.timeout(this.o.timeoutMs ?? (o.stream ? 10 * 60_000 : 60_000));
    try {
      return await (this.o.fetch ?? globalThis.fetch)(url, {
        method,
        headers: { authorization: `Bearer ${token}`, ...o.headers },
        // A Uint8Array is a valid fetch body; the DOM typings only know ArrayBuffer-backed views.
        body: (o.body ?? null) as BodyInit | null,
        signal: o.signal ? AbortSignal.any([o.signal, timeout]) : timeout,
        redirect: 'error',
      });
    } catch (e) {
      throw new EncoreError('OFFLINE', 'The Encore server cannot be reached; try again when you are online', { cause: e instanceof Error ? e.message : String(e) });
    }
  }
}

async function readJson(res: Response): Promise<unknown> {
  try {
    const text = await res.text();
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}
