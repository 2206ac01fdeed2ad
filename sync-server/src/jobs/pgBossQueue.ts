import PgBoss from 'pg-boss';
import type { Logger } from '../logger';
import type { JobQueue, RetryPolicy } from './queue';

/**
 * The job queue on PostgreSQL: pg-boss (its own `pgboss` schema), so queued jobs survive a
 * restart and any instance may work them.
 *
 * @example
 * const q = await PgBossQueue.start(process.env.DATABASE_URL, log, { retryLimit: 2, retryDelayMs: 5000 });
 */
export class PgBossQueue implements JobQueue {
  readonly kind = 'pg-boss';
  private readonly names = new Set<string>();

  private constructor(
    private readonly boss: PgBoss,
    private readonly policy: RetryPolicy,
  ) {}

  static async start(connectionString: string, log: Logger, policy: RetryPolicy, schema = 'pgboss'): Promise<PgBossQueue> {
    const boss = new PgBoss({ connectionString, schema, max: 4, schedule: false, supervise: true });
    boss.on('error', (err) => log.error({ err }, 'pg-boss error'));
    await boss.start();
    return new PgBossQueue(boss, policy);
  }

  async work<T extends object>(name: string, handler: (data: T) => Promise<void>): Promise<void> {
    // Whole seconds are pg-boss's unit; 0 means "retry at once".
    await this.boss.createQueue(name, { name, retryLimit: this.policy.retryLimit, retryDelay: Math.ceil(this.policy.retryDelayMs / 1000) });
    this.names.add(name);
    await this.boss.work<T>(name, { pollingIntervalSeconds: 0.5, batchSize: 1 }, async (jobs) => {
      for (const job of jobs) await handler(job.data);
    });
  }

  async send<T extends object>(name: string, data: T): Promise<void> {
    await this.boss.send(name, data);
  }

  async idle(): Promise<void> {
    for (;;) {
      let waiting = 0;
      for (const name of this.names) waiting += await this.boss.getQueueSize(name, { before: 'completed' });
      if (waiting === 0) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async close(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }
}
