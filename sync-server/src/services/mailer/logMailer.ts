import type { Logger } from '../../logger';
import type { Mail, Mailer } from './mailer';

/**
 * The default mailer of a local install: no SMTP, the mail (with its link) goes to the log,
 * where the person running the server can read it.
 *
 * @example
 * const mailer = new LogMailer(logger);
 */
export class LogMailer implements Mailer {
  constructor(private readonly log: Logger) {}

  async send(mail: Mail): Promise<void> {
    this.log.info({ mail: { to: mail.to, subject: mail.subject, text: mail.text } }, `mail to ${mail.to}: ${mail.subject}`);
  }
}
