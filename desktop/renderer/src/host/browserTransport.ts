import { HOST_PROTOCOL_VERSION, HostReplyFrame, type HostEvent, type HostMethod, type HostRequestFrame } from '@encore/shared/host/contract';
import { ErrorCode } from '@encore/shared/errors';
import type { Result } from '@encore/shared/result';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import type { HostLink, HostLinkStatus } from './link';

/** The part of the DOM WebSocket this transport uses; tests pass a fake. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
}

export interface BrowserTransportOptions {
  /** `ws://127.0.0.1:8790/host`; see {@link hostSocketUrl}. */
  url: string;
  /** How long one call may wait for its reply (including waiting for the link), in ms. */
  timeoutMs?: number;
  backoff?: Partial<BackoffOptions>;
  createSocket?: (url: string) => SocketLike;
  /** Where dropped frames are reported. */
  log?: (message: string, context: Record<string, unknown>) => void;
}

const OPEN = 1;

interface Pending {
  resolve: (r: Result<unknown>) => void;
  timer: ReturnType<typeof setTimeout>;
  method: string;
}

/** The host's WebSocket on the page's own origin (the host authenticates it by cookie). */
export function hostSocketUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/host`;
}

const failure = (code: ErrorCode, message: string): Result<unknown> => ({ ok: false, error: { code, message } });

/**
 * The browser-mode transport: host API calls as numbered frames over one WebSocket.
 * Calls never throw: a lost link, a timeout or a bad frame become `HOST_UNAVAILABLE`
 * results. Calls made while a connection attempt is under way wait for it; calls made
 * while the host is known to be away fail at once. The socket reconnects with jittered
 * backoff until {@link HostLink.dispose}.
 *
 * @example
 * const link = createBrowserTransport({ url: hostSocketUrl(location) });
 * const host = createHostClient(link);
 */
export function createBrowserTransport(options: BrowserTransportOptions): HostLink {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const backoff: BackoffOptions = { ...DEFAULT_BACKOFF, ...options.backoff };
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
  const log = options.log ?? ((message, context) => console.warn(`[host link] ${message}`, context));

  const pending = new Map<number, Pending>();
  const waitingForOpen = new Set<() => void>();
  const eventListeners = new Map<string, Set<(payload: unknown) => void>>();
  const statusListeners = new Set<(s: HostLinkStatus) => void>();
  let nextId = 1;
  let socket: SocketLike | null = null;
  let status: HostLinkStatus = 'connecting';
  let attempt = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let disposed = false;

  const setStatus = (next: HostLinkStatus) => {
    if (next === status) return;
    status = next;
    for (const l of [...statusListeners]) l(next);
  };

  const failAllPending = (message: string) => {
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      pending.delete(id);
      p.resolve(failure('HOST_UNAVAILABLE', message));
    }
  };

  const onFrame = (data: unknown) => {
    let json: unknown;
    try {
      json = JSON.parse(typeof data === 'string' ? data : String(data));
    } catch {
      log('dropped a frame that is not JSON', { length: String(data).length });
      return;
    }
    const parsed = HostReplyFrame.safeParse(json);
    if (!parsed.success) {
      log('dropped a frame that does not match the protocol', { issues: parsed.error.issues.slice(0, 3) });
      return;
    }
    const frame = parsed.data;
    if ('event' in frame) {
      for (const l of [...(eventListeners.get(frame.event) ?? [])]) l(frame.payload);
      return;
    }
    const p = pending.get(frame.id);
    // A reply whose call already timed out: nobody is waiting any more.
    if (!p) return;
    pending.delete(frame.id);
    clearTimeout(p.timer);
    if (frame.ok) {
      p.resolve({ ok: true, value: frame.value });
    } else {
      const code = ErrorCode.safeParse(frame.error.code);
      p.resolve({
        ok: false,
        error: { code: code.success ? code.data : 'INTERNAL', message: frame.error.message, ...(frame.error.details ? { details: frame.error.details } : {}) },
      });
    }
  };

  const scheduleReconnect = () => {
    if (disposed || reconnectTimer) return;
    const delay = backoffDelay(attempt, backoff);
    attempt += 1;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      connect();
    }, delay);
  };

  function connect() {
    if (disposed) return;
    setStatus('connecting');
    let s: SocketLike;
    try {
      s = createSocket(options.url);
    } catch (e) {
      log('could not open the host socket', { url: options.url, error: String(e) });
      setStatus('closed');
      scheduleReconnect();
      return;
    }
    socket = s;
    s.onopen = () => {
      if (socket !== s) return;
      attempt = 0;
      setStatus('open');
      for (const w of [...waitingForOpen]) w();
    };
    s.onmessage = (ev) => {
      if (socket === s) onFrame(ev.data);
    };
    s.onerror = () => {
      // Always followed by onclose, which does the work.
    };
    s.onclose = () => {
      if (socket !== s) return;
      socket = null;
      // The host may or may not have run these calls; the caller decides whether to retry.
      failAllPending('The connection to the Encore host was lost.');
      setStatus('closed');
      // Calls held for this attempt fail now rather than at their timeout.
      for (const w of [...waitingForOpen]) w();
      scheduleReconnect();
    };
  }

  const send = (method: HostMethod, params: unknown, resolve: (r: Result<unknown>) => void, deadline: number) => {
    if (!socket || socket.readyState !== OPEN) return false;
    const id = nextId++;
    const frame: HostRequestFrame = { v: HOST_PROTOCOL_VERSION, id, method, ...(params === undefined ? {} : { params }) };
    const timer = setTimeout(() => {
      pending.delete(id);
      resolve(failure('HOST_UNAVAILABLE', `The Encore host did not answer ${method} in time.`));
    }, Math.max(0, deadline - Date.now()));
    pending.set(id, { resolve, timer, method });
    try {
      socket.send(JSON.stringify(frame));
    } catch (e) {
      clearTimeout(timer);
      pending.delete(id);
      resolve(failure('HOST_UNAVAILABLE', `Could not send ${method}: ${String(e)}`));
    }
    return true;
  };

  connect();

  return {
    kind: 'browser',
    call(method, params) {
      return new Promise<Result<unknown>>((resolve) => {
        if (disposed) return resolve(failure('HOST_UNAVAILABLE', 'The host link was closed.'));
        const deadline = Date.now() + timeoutMs;
        if (send(method, params, resolve, deadline)) return;
        // Between reconnect attempts the host is known to be away: say so at once.
        if (status === 'closed') return resolve(failure('HOST_UNAVAILABLE', 'The Encore host is not reachable.'));
        // A connection attempt is under way: wait for it, but never past the call's deadline.
        const onOpen = () => {
          waitingForOpen.delete(onOpen);
          clearTimeout(timer);
          if (!send(method, params, resolve, deadline)) resolve(failure('HOST_UNAVAILABLE', 'The Encore host is not reachable.'));
        };
        const timer = setTimeout(() => {
          waitingForOpen.delete(onOpen);
          resolve(failure('HOST_UNAVAILABLE', 'The Encore host is not reachable.'));
        }, timeoutMs);
        waitingForOpen.add(onOpen);
      });
    },
    on(event: HostEvent, listener) {
      let set = eventListeners.get(event);
      if (!set) eventListeners.set(event, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
    status: () => status,
    onStatus(listener) {
      statusListeners.add(listener);
      return () => {
        statusListeners.delete(listener);
      };
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      reconnectTimer = null;
      const s = socket;
      socket = null;
      failAllPending('The host link was closed.');
      for (const w of [...waitingForOpen]) w();
      waitingForOpen.clear();
      setStatus('closed');
      s?.close(1000, 'renderer disposed');
      eventListeners.clear();
      statusListeners.clear();
    },
  };
}
