/** One outgoing mail: plain text, links included in the text. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** Sends mail. Implementations: LogMailer (default: writes to the log), MemoryMailer (tests). */
export interface Mailer {
  send(mail: Mail): Promise<void>;
}
