import type { WebSocket } from 'ws';
import type { StudioRole } from '@encore/shared/api/studio';
import { SyncCloseCode } from '@encore/shared/api/studio';
import { ConnectionRateLimit } from './limits';

export interface ConnectionInfo {
  docId: string;
  userId: string;
  sessionId: string;
  role: StudioRole;
}

export interface ConnectionLimits {
  messagesPerSecond: number;
  bytesPerSecond: number;
  maxMessageBytes: number;
  maxBufferedBytes: number;
}

/** Close reasons travel in the close frame, which allows at most 123 bytes. */
function shortReason(reason: string): string {
  return Buffer.byteLength(reason) <= 123 ? reason : reason.slice(0, 100);
}

/**
 * One client socket on one document: who it is, its role (which an owner may change while
 * it is open), its rate limit, and the awareness client ids it controls (removed when it
 * goes). Sends drop the client when its buffer overflows rather than growing without bound.
 */
export class Connection {
  readonly docId: string;
  readonly userId: string;
  readonly sessionId: string;
  role: StudioRole;
  /** Awareness client ids this socket has announced. */
  readonly awarenessIds = new Set<number>();
  deniedOnce = false;
  private readonly rate: ConnectionRateLimit;
  private closed = false;

  constructor(
    readonly ws: WebSocket,
    info: ConnectionInfo,
    private readonly limits: ConnectionLimits,
  ) {
    this.docId = info.docId;
    this.userId = info.userId;
    this.sessionId = info.sessionId;
    this.role = info.role;
    this.rate = new ConnectionRateLimit(limits);
  }

  get canWrite(): boolean {
    return this.role === 'owner' || this.role === 'editor';
  }

  get isOpen(): boolean {
    return !this.closed && this.ws.readyState === this.ws.OPEN;
  }

  /** Whether a message of `size` bytes is within the rate limit (closes the socket if not). */
  admit(size: number): boolean {
    if (this.rate.allow(size)) return true;
    this.close(SyncCloseCode.RATE_LIMITED, 'rate limit exceeded');
    return false;
  }

  send(data: Uint8Array): void {
    if (!this.isOpen) return;
    if (this.ws.bufferedAmount + data.byteLength > this.limits.maxBufferedBytes) {
      this.close(SyncCloseCode.TOO_SLOW, 'client reads too slowly');
      return;
    }
    this.ws.send(data, (err) => {
      if (err) this.close(SyncCloseCode.GOING_AWAY, 'send failed');
    });
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.ws.close(code, shortReason(reason));
    } catch {
      this.ws.terminate();
    }
    // A peer that never answers the close handshake must not keep the socket.
    setTimeout(() => this.ws.terminate(), 5_000).unref();
  }
}
