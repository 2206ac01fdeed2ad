import type { WebSocket } from 'ws';
import type { StudioRole } from '@encore/shared/api/studio';
import { SyncCloseCode } from '@encore/shared/api/studio';
import { ConnectionRateLimit } from './limits';

export interface ConnectionInfo {
  docId: string;
  userId: string;
  sessionId: string;
  role: StudioRole;
  /** When the access token that opened the socket expires (epoch ms); the socket closes then (4401). */
  expiresAt?: number;
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
  private expiry: NodeJS.Timeout | undefined;

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
    if (info.expiresAt !== undefined) this.closeAtExpiry(info.expiresAt);
  }

  /**
   * A socket lives no longer than the token that opened it: at expiry it is closed with 4401
   * and the client reconnects with a fresh token, so a revoked or downgraded account cannot
   * keep a socket open on an old token for hours.
   */
  private closeAtExpiry(expiresAt: number): void {
    // setTimeout holds at most 2^31-1 ms; a longer wait is re-armed when it fires.
    const wait = Math.min(Math.max(0, expiresAt - Date.now()), 2 ** 31 - 1);
    this.expiry = setTimeout(() => {
      if (Date.now() < expiresAt) return this.closeAtExpiry(expiresAt);
      this.close(SyncCloseCode.UNAUTHENTICATED, 'the access token expired; reconnect with a fresh one');
    }, wait);
    this.expiry.unref();
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
    clearTimeout(this.expiry);
    try {
      this.ws.close(code, shortReason(reason));
    } catch {
      this.ws.terminate();
    }
    // A peer that never answers the close handshake must not keep the socket.
    setTimeout(() => this.ws.terminate(), 5_000).unref();
  }
}
