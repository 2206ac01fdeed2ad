import type { Logger } from '../logger';

/**
 * Work finished after the response is sent, such as the mail of forgot-password: doing it
 * in the background is what makes the answer take the same time whether or not the
 * account exists. Failures are logged, never lost; `drain()` waits for all (shutdown, tests).
 *
 * @example
 * tasks.run('password-reset-mail', () => mailer.send(mail));
 * await tasks.drain();
 */
export class BackgroundTasks {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly log: Logger) {}

  run(name: string, fn: () => Promise<void>): void {
    const p = fn()
      .catch((err: unknown) => this.log.error({ err, task: name }, `background task ${name} failed`))
      .finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}
