import type { Mail, Mailer } from './mailer';

/**
 * Keeps sent mail in memory so tests can follow the links in it.
 *
 * @example
 * const mailer = new MemoryMailer();
 * const link = mailer.lastTo('ada@example.com')?.text.match(/https?:\S+/)?.[0];
 */
export class MemoryMailer implements Mailer {
  readonly sent: Mail[] = [];

  async send(mail: Mail): Promise<void> {
    this.sent.push(mail);
  }

  lastTo(to: string): Mail | undefined {
    return this.sent.filter((m) => m.to === to).at(-1);
  }

  clear(): void {
    this.sent.length = 0;
  }
}
