import type { Connectivity } from '@encore/shared/host/contract';
import type { Disposable } from '../../../common/disposable';
import type { HostEventBus } from '../../../common/hostEventBus';
import type { Logger } from '../../logger';

export interface ConnectivityServiceOptions {
  /** Read on every check, so a changed setting takes effect at the next poll. */
  syncServerUrl: () => string;
  events: HostEventBus;
  log: Logger;
  /** Poll period while online. */
  onlineIntervalMs?: number;
  /** First retry delay while offline; doubles up to {@link maxBackoffMs}. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => Date;
}

type Status = Connectivity['syncServer'];

/**
 * Knows whether the sync-server answers, by polling `<syncServerUrl>/health`. Emits
 * 'connectivity.changed' on every transition (the first result counts as one). Polls slowly
 * while online and backs off exponentially while offline, so a laptop on a plane does not
 * spin. Other services call {@link reportUnreachable} when their own request fails, so the
 * transition back to online (and the refresh it triggers) is not missed.
 *
 * @example
 * const connectivity = new ConnectivityService({ syncServerUrl: () => url, events, log });
 * connectivity.start();
 * await connectivity.check(); // { syncServer: 'online', checkedAt: '...' }
 */
export class ConnectivityService implements Disposable {
  private status: Status | null = null;
  private checkedAt = new Date(0);
  private timer: NodeJS.Timeout | null = null;
  private backoff: number;
  private inFlight: Promise<Connectivity> | null = null;
  private readonly abort = new AbortController();
  private disposed = false;
  private readonly o: Required<Omit<ConnectivityServiceOptions, 'now'>> & { now: () => Date };

  constructor(options: ConnectivityServiceOptions) {
    this.o = {
      onlineIntervalMs: 15_000,
      minBackoffMs: 1_000,
      maxBackoffMs: 30_000,
      timeoutMs: 2_000,
      fetch: globalThis.fetch,
      now: () => new Date(),
      ...options,
    };
    this.backoff = this.o.minBackoffMs;
  }

  /** Starts polling with an immediate first check. */
  start(): void {
    if (!this.disposed && !this.timer && !this.inFlight) void this.check();
  }

  /** The last known state; `offline` until the first check answers. */
  current(): Connectivity {
    return { syncServer: this.status ?? 'offline', checkedAt: this.checkedAt.toISOString() };
  }

  /** Checks now (sharing a check already under way) and reschedules the next poll. */
  check(): Promise<Connectivity> {
    this.inFlight ??= this.probe().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /** A request to the sync-server just failed at the network level. */
  reportUnreachable(): void {
    if (this.disposed) return;
    this.set('offline');
    this.schedule();
  }

  dispose(): void {
    this.disposed = true;
    this.abort.abort();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async probe(): Promise<Connectivity> {
    let next: Status = 'offline';
    try {
      const signal = AbortSignal.any([this.abort.signal, AbortSignal.timeout(this.o.timeoutMs)]);
      const res = await this.o.fetch(`${this.o.syncServerUrl()}/health`, { signal });
      await res.body?.cancel();
      next = res.ok ? 'online' : 'offline';
    } catch (e) {
      this.o.log.debug({ err: e }, 'sync-server health check failed');
    }
    if (!this.disposed) {
      this.set(next);
      this.schedule();
    }
    return this.current();
  }

  private set(next: Status): void {
    this.checkedAt = this.o.now();
    if (next === 'online') this.backoff = this.o.minBackoffMs;
    if (next === this.status) return;
    this.status = next;
    this.o.log.info({ syncServer: next }, 'connectivity changed');
    this.o.events.emit('connectivity.changed', this.current());
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    let delay = this.o.onlineIntervalMs;
    if (this.status !== 'online') {
      delay = this.backoff;
      this.backoff = Math.min(this.backoff * 2, this.o.maxBackoffMs);
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.check();
    }, delay);
    // Polling alone must not keep the process alive after everything else closed.
    this.timer.unref();
  }
}
