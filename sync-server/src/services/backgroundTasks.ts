import type { Logger } from '../logger';

/**
 * Work finished after the response is sent, such as the mail of forgot-password: doing it
 * in the background is what makes the answer take the same time whether or not the
 * account exists; and periodic housekeeping (`every`), such as the blob garbage collector.
 * Failures are logged, never lost; `drain()` waits for all (shutdown, tests); `close()` also
 * stops the periodic ones.
 *
 * @example
 * tasks.run('password-reset-mail', () => mailer.send(mail));
 * tasks.every('studio-blob-gc', 3_600_000, () => gc.run());
 * await tasks.close();
 */
export class BackgroundTasks {
  private readonly pending = new Set<Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly log: Logger) {}

  /**
   * Runs `fn` every `intervalMs` (first after one interval), never two runs of it at once: a run
   * still going when the next is due makes that one skip. Timers do not keep the process alive.
   * Returns a function that stops it.
   */
  every(name: string, intervalMs: number, fn: () => Promise<unknown>): () => void {
    if (this.closed || !(intervalMs > 0)) return () => undefined;
    let running = false;
    const timer = setInterval(() => {
      if (running || this.closed) return;
      running = true;
      this.run(name, async () => {
        try {
          await fn();
        } finally {
          running = false;
        }
      });
    }, intervalMs);
    timer.unref();
    this.timers.add(timer);
    return () => {
      clearInterval(timer);
      this.timers.delete(timer);
    };
  }

  run(name: string, fn: () => Promise<void>): void {
    const p = fn()
      .catch((err: unknown) => this.log.error({ err, task: name }, `background task ${name} failed`))
      .finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  /** Stops the periodic tasks and waits for everything running. */
  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearInterval(t);
    this.timers.clear();
    await this.drain();
  }
}
