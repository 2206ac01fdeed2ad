import type { Logger } from '../logger';
import type { JobQueue, RetryPolicy } from './queue';

/**
 * Jobs in this process's memory, with retries: the queue used on embedded PGlite. Jobs
 * waiting here are lost on exit, so the owners of the work re-send what the database says is
 * unfinished at startup.
 *
 * @example
 * const q = new InProcessQueue(log, { retryLimit: 2, retryDelayMs: 1000 });
 * await q.work('track.process', async ({ trackId }) => process(trackId));
 * await q.send('track.process', { trackId });
 */
export class InProcessQueue implements JobQueue {
  readonly kind = 'in-process';
  private readonly handlers = new Map<string, (data: object) => Promise<void>>();
  private readonly pending = new Set<Promise<void>>();
  private closed = false;

  constructor(
    private readonly log: Logger,
    private readonly policy: RetryPolicy,
  ) {}

  work<T extends object>(name: string, handler: (data: T) => Promise<void>): Promise<void> {
    this.handlers.set(name, handler as (data: object) => Promise<void>);
    return Promise.resolve();
  }

  send<T extends object>(name: string, data: T): Promise<void> {
    const handler = this.handlers.get(name);
    if (!handler) return Promise.reject(new Error(`no worker for queue ${name}`));
    if (this.closed) return Promise.reject(new Error('the job queue is closed'));
    const p = this.attempt(name, handler, data, 0).finally(() => this.pending.delete(p));
    this.pending.add(p);
    return Promise.resolve();
  }

  private async attempt(name: string, handler: (data: object) => Promise<void>, data: object, retry: number): Promise<void> {
    // Yield first so the sender's transaction and response finish before the work starts.
    await new Promise((r) => setTimeout(r, retry === 0 ? 0 : this.policy.retryDelayMs));
    if (this.closed) return;
    try {
      await handler(data);
    } catch (err) {
      if (retry >= this.policy.retryLimit) {
        this.log.error({ err, queue: name }, `job ${name} failed, no retries left`);
        return;
      }
      this.log.warn({ err, queue: name, retry: retry + 1 }, `job ${name} failed, retrying`);
      await this.attempt(name, handler, data, retry + 1);
    }
  }

  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  async close(): Promise<void> {
    await this.idle();
    this.closed = true;
  }
}
