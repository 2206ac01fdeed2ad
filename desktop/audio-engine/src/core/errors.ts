/** Why an engine operation failed; one code per failure the caller can act on. */
export type EngineErrorCode = 'WORKLET_LOAD_FAILED' | 'WORKLET_FAILED' | 'WORKER_FAILED' | 'MISSING_AUDIO' | 'BAD_OPTIONS' | 'DISPOSED';

/**
 * The one error type of the audio engine (cancellation is a DOMException named AbortError, as
 * everywhere on the web platform).
 *
 * @example
 * throw new EngineError('BAD_OPTIONS', 'sample rate must be 8000-384000 Hz');
 */
export class EngineError extends Error {
  override readonly name = 'EngineError';

  constructor(
    readonly code: EngineErrorCode,
    message: string,
    options?: { cause?: unknown; details?: Record<string, unknown> },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.details = options?.details ?? {};
  }

  readonly details: Record<string, unknown>;
}

/** The error a cancelled operation rejects with. */
export const abortError = (): DOMException => new DOMException('The render was cancelled.', 'AbortError');
