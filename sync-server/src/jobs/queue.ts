/**
 * A background job queue: the same job code runs on pg-boss (PostgreSQL) or on the
 * in-process queue (embedded PGlite, which pg-boss cannot drive).
 *
 * A handler that throws is retried up to `retryLimit` times after `retryDelayMs`; handlers
 * keep their own attempt count in the database so the last failure can dead-letter the work
 * with its reason.
 */
export interface JobQueue {
  readonly kind: 'in-process' | 'pg-boss';
  /** Registers the handler of a queue (once per name) and starts working it. */
  work<T extends object>(name: string, handler: (data: T) => Promise<void>): Promise<void>;
  send<T extends object>(name: string, data: T): Promise<void>;
  /** Resolves when nothing is queued, running or waiting to retry (tests, shutdown). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface RetryPolicy {
  retryLimit: number;
  retryDelayMs: number;
}
