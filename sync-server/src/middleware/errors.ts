import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { EncoreError } from '@encore/shared/errors';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { AppEnv } from './env';

/** Writes the envelope of seed-design.md for an EncoreError; sets Retry-After when known. */
export function errorResponse(c: Context<AppEnv>, err: EncoreError, clock: Clock): Response {
  const requestId = c.get('requestId') ?? 'req_unknown';
  const retryAfter = err.details?.retryAfter;
  if (typeof retryAfter === 'number') c.header('Retry-After', String(retryAfter));
  c.header('X-Request-Id', requestId);
  c.header('Cache-Control', 'no-store');
  return c.json({ error: err.toBody(requestId, clock.now()) }, err.status as ContentfulStatusCode);
}

function fromHttpException(e: HTTPException): EncoreError {
  if (e.status === 413) return new EncoreError('PAYLOAD_TOO_LARGE', 'The request body is too large');
  if (e.status === 401) return new EncoreError('UNAUTHENTICATED', 'Sign in first');
  if (e.status === 403) return new EncoreError('FORBIDDEN', 'Not allowed');
  if (e.status === 404) return new EncoreError('NOT_FOUND', 'Not found');
  if (e.status < 500) return new EncoreError('BAD_REQUEST', 'The request is not valid');
  return new EncoreError('INTERNAL', 'Something went wrong on our side');
}

/**
 * The one place errors become responses: EncoreErrors keep their code; anything else is a
 * bug, logged with its stack and answered INTERNAL without its message (which may hold SQL
 * or paths).
 *
 * @example
 * app.onError(errorHandler(logger, clock));
 */
export function errorHandler(logger: Logger, clock: Clock): ErrorHandler<AppEnv> {
  return (err, c) => {
    const log = c.get('log') ?? logger;
    if (err instanceof EncoreError) {
      if (err.status >= 500) log.error({ err }, err.message);
      return errorResponse(c, err, clock);
    }
    if (err instanceof HTTPException) return errorResponse(c, fromHttpException(err), clock);
    log.error({ err }, 'unhandled error');
    return errorResponse(c, new EncoreError('INTERNAL', 'Something went wrong on our side'), clock);
  };
}

/** Unknown routes answer ROUTE_NOT_FOUND in the envelope, not Hono's plain text. */
export function notFoundHandler(clock: Clock): NotFoundHandler<AppEnv> {
  return (c) => errorResponse(c, new EncoreError('ROUTE_NOT_FOUND', `No route ${c.req.method} ${c.req.path}`), clock);
}
