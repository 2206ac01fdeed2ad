import type { SocketLike } from '../browserTransport';

/**
 * A WebSocket stand-in for transport tests: records what was sent and lets the test open,
 * answer and drop the connection.
 */
export class FakeSocket implements SocketLike {
  readyState = 0;
  sent: unknown[] = [];
  closedWith: { code?: number; reason?: string } | null = null;
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;

  constructor(readonly url: string) {}

  send(data: string) {
    if (this.readyState !== 1) throw new Error('socket not open');
    this.sent.push(JSON.parse(data));
  }
  close(code?: number, reason?: string) {
    this.closedWith = { code, reason };
    this.readyState = 3;
  }
  /** The server accepted the connection. */
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  /** The server sent a frame (an object is serialised, a string is sent as is). */
  receive(frame: unknown) {
    this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) });
  }
  /** The connection dropped. */
  drop() {
    this.readyState = 3;
    this.onerror?.({});
    this.onclose?.({});
  }
}
