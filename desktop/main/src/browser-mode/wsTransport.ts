import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { HOST_PROTOCOL_VERSION, HostRequestFrame, type HostReplyFrame } from '@encore/shared/host/contract';
import type { Disposable } from '../common/disposable';
import type { HostEventBus } from '../common/hostEventBus';
import type { Logger } from '../node/logger';
import type { HostRouter } from '../node/host/router';
import { hasValidCookie } from './launchToken';

export const MAX_FRAME_BYTES = 1024 * 1024;

export interface WsTransportOptions {
  router: HostRouter;
  events: HostEventBus;
  token: string;
  origin: () => { origin: string; port: number };
  log: Logger;
}

/**
 * The host API over WebSocket at `/host`. The upgrade needs the served Origin AND the launch
 * cookie: the Origin check stops other sites, the cookie stops other local pages and tools
 * that can forge headers but cannot read the printed link. Every frame is parsed; a frame
 * that cannot even be answered (no id) closes that socket only.
 */
export class WsTransport implements Disposable {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  private readonly offEvents: () => void;

  constructor(private readonly o: WsTransportOptions) {
    this.wss.on('connection', (ws) => this.serve(ws));
    this.offEvents = o.events.onAny((event, payload) => {
      const frame = JSON.stringify({ v: HOST_PROTOCOL_VERSION, event, payload } satisfies HostReplyFrame);
      for (const ws of this.wss.clients) if (ws.readyState === ws.OPEN) ws.send(frame);
    });
  }

  /** For the http server's 'upgrade' event. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const { origin, port } = this.o.origin();
    const refuse = (status: string) => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      socket.destroy();
    };
    if ((req.url ?? '').split('?')[0] !== '/host') return refuse('404 Not Found');
    if (req.headers.host !== new URL(origin).host || req.headers.origin !== origin) {
      this.o.log.warn({ origin: req.headers.origin }, 'host socket refused: foreign origin');
      return refuse('403 Forbidden');
    }
    if (!hasValidCookie(req, port, this.o.token)) return refuse('401 Unauthorized');
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
  }

  get clientCount(): number {
    return this.wss.clients.size;
  }

  dispose(): Promise<void> {
    this.offEvents();
    for (const ws of this.wss.clients) ws.terminate();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }

  private serve(ws: WebSocket): void {
    ws.on('error', (e) => this.o.log.debug({ err: e }, 'host socket error'));
    ws.on('message', (data, isBinary) => {
      if (isBinary) return ws.close(1003, 'text frames only');
      void this.answer(ws, data.toString());
    });
  }

  private async answer(ws: WebSocket, text: string): Promise<void> {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return ws.close(1007, 'malformed frame');
    }
    const frame = HostRequestFrame.safeParse(json);
    if (!frame.success) {
      const id = (json as { id?: unknown } | null)?.id;
      if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) return ws.close(1008, 'malformed frame');
      const wrongVersion = (json as { v?: unknown }).v !== HOST_PROTOCOL_VERSION;
      return this.send(ws, {
        v: HOST_PROTOCOL_VERSION,
        id,
        ok: false,
        error: wrongVersion
          ? { code: 'BAD_REQUEST', message: 'Unsupported host protocol version', details: { protocolVersion: HOST_PROTOCOL_VERSION } }
          : { code: 'VALIDATION_FAILED', message: 'Malformed request frame', details: { issues: frame.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) } },
      });
    }
    const { id, method, params } = frame.data;
    const result = await this.o.router.dispatch(method, params);
    this.send(ws, result.ok ? { v: HOST_PROTOCOL_VERSION, id, ok: true, value: result.value } : { v: HOST_PROTOCOL_VERSION, id, ok: false, error: result.error });
  }

  private send(ws: WebSocket, frame: HostReplyFrame): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  }
}
