import http from 'node:http';
import type { Socket } from 'node:net';

/** What the proxy does to the next requests for a licensed file. */
export interface FileFaults {
  /** Answer 503 to this many file requests. */
  fail503?: number;
  /** Cut the connection after this many body bytes, once. */
  cutAfterBytes?: number;
  /** Delay between forwarded body pieces, to keep a transfer running long enough to pause it. */
  delayMs?: number;
}

/**
 * A loopback HTTP proxy in front of the real sync-server that injects network faults: 503s,
 * connections cut mid-body, slow bodies, lost answers to play reports, or being down
 * altogether. It records the Range header of every file request, so tests can see a resume.
 */
export class FaultProxy {
  readonly fileRanges: (string | null)[] = [];
  faults: FileFaults = {};
  /** Forward the next N play reports but drop the answer (the server stored them; the client never hears). */
  dropPlayAnswers = 0;
  private server: http.Server | null = null;
  private readonly sockets = new Set<Socket>();

  constructor(
    private readonly target: () => string,
    readonly port: number,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = http.createServer((req, res) => void this.handle(req, res));
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((r) => server.listen(this.port, '127.0.0.1', r));
    this.server = server;
  }

  /** Refuses connections from now on (the network is gone). */
  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    for (const sock of this.sockets) sock.destroy();
    if (s) await new Promise((r) => s.close(r));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const isFile = /^\/api\/licences\/[^/]+\/file/.test(req.url ?? '');
    const isPlay = req.url === '/api/analytics/events';
    if (isFile) {
      this.fileRanges.push(req.headers.range ?? null);
      if ((this.faults.fail503 ?? 0) > 0) {
        this.faults.fail503!--;
        res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'SERVICE_UNAVAILABLE', message: 'injected', timestamp: new Date().toISOString(), requestId: 'proxy' } }));
        return;
      }
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => k !== 'host' && k !== 'connection')) as Record<string, string>;
    let upstream: Response;
    try {
      upstream = await fetch(`${this.target()}${req.url}`, { method: req.method ?? 'GET', headers, body: chunks.length ? Buffer.concat(chunks) : null, redirect: 'manual' });
    } catch {
      req.socket.destroy();
      return;
    }
    if (isPlay && this.dropPlayAnswers > 0) {
      this.dropPlayAnswers--;
      await upstream.arrayBuffer();
      req.socket.destroy();
      return;
    }
    const out: Record<string, string> = {};
    upstream.headers.forEach((v, k) => {
      if (k !== 'content-encoding' && k !== 'transfer-encoding' && k !== 'connection') out[k] = v;
    });
    res.writeHead(upstream.status, out);
    if (!upstream.body) return void res.end();
    let sent = 0;
    const cut = isFile ? this.faults.cutAfterBytes : undefined;
    const delay = isFile ? (this.faults.delayMs ?? 0) : 0;
    for await (const piece of upstream.body as unknown as AsyncIterable<Uint8Array>) {
      for (let i = 0; i < piece.byteLength; i += 16 * 1024) {
        const part = piece.subarray(i, i + 16 * 1024);
        if (cut !== undefined && sent + part.byteLength > cut) {
          this.faults.cutAfterBytes = undefined;
          // Flush what was promised so far, then close: the client sees a body shorter than its Content-Length.
          await new Promise((r) => res.write(part.subarray(0, cut - sent), r));
          req.socket.end();
          return;
        }
        if (res.destroyed) return;
        res.write(part);
        sent += part.byteLength;
        if (delay) await new Promise((r) => setTimeout(r, delay));
      }
    }
    res.end();
  }
}
