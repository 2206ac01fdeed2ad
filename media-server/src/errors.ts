import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from 'pino';
import { EncoreError, isEncoreError, type ErrorCode } from '@encore/shared/errors';

/** Codes for the statuses Hono's own middleware throws (body limit, CORS, …). */
const CODE_OF_STATUS: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

/**
 * Turns any thrown value into an EncoreError fit to show a client. Unknown errors become
 * INTERNAL with a fixed message: their text may carry paths, SQL or secrets.
 *
 * @example
 * toEncoreError(new Error('ENOENT /srv/x')).message; // 'Internal server error'
 */
export function toEncoreError(err: unknown): EncoreError {
  if (isEncoreError(err)) return err;
  if (err instanceof HTTPException && err.status < 500) {
    const code = CODE_OF_STATUS[err.status] ?? 'BAD_REQUEST';
    return new EncoreError(code, err.message || code);
  }
  return new EncoreError('INTERNAL', 'Internal server error');
}

/**
 * Answers with the error envelope of shared/errors.ts; logs server faults with their stack.
 *
 * @example
 * app.onError((err, c) => errorResponse(c, err, logger));
 */
export function errorResponse(c: Context, err: unknown, logger: Logger): Response {
  const requestId: string = c.get('requestId') ?? 'unknown';
  const e = toEncoreError(err);
  if (e.status >= 500) logger.error({ err, requestId, method: c.req.method, path: c.req.path }, 'request failed');
  return c.json({ error: e.toBody(requestId) }, e.status as ContentfulStatusCode);
}
