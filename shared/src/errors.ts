import { z } from 'zod';

/**
 * Every error code any Encore API can answer with. Servers map each to an HTTP status
 * through {@link statusOf}; clients switch on the code, never on the message.
 */
export const ErrorCode = z.enum([
  'BAD_REQUEST',
  'VALIDATION_FAILED',
  'MALFORMED_JSON',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'TOKEN_EXPIRED',
  'TOKEN_INVALID',
  'TOKEN_REUSED',
  'FORBIDDEN',
  'EMAIL_NOT_VERIFIED',
  'ACCOUNT_LOCKED',
  'RATE_LIMITED',
  'NOT_FOUND',
  'ROUTE_NOT_FOUND',
  'USER_NOT_FOUND',
  'TRACK_NOT_FOUND',
  'PROJECT_NOT_FOUND',
  'ALBUM_NOT_FOUND',
  'ARTIST_NOT_FOUND',
  'PLAYLIST_NOT_FOUND',
  'UPLOAD_NOT_FOUND',
  'UPLOAD_INCOMPLETE',
  'CHECKSUM_MISMATCH',
  'INVALID_AUDIO',
  'INVALID_IMAGE',
  'TRACK_NOT_READY',
  'RANGE_NOT_SATISFIABLE',
  'INVITE_INVALID',
  'INVITE_EXPIRED',
  'CONFLICT',
  'EMAIL_TAKEN',
  'USERNAME_TAKEN',
  'WEAK_PASSWORD',
  'DEVICE_LIMIT_REACHED',
  'DEVICE_NOT_FOUND',
  'LICENCE_NOT_FOUND',
  'LICENCE_REVOKED',
  'LICENCE_EXPIRED',
  'ENTITLEMENT_REQUIRED',
  'STORAGE_LIMIT_REACHED',
  'DOWNLOAD_NOT_FOUND',
  'HOST_UNAVAILABLE',
  'OFFLINE',
  'SERVICE_UNAVAILABLE',
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

const STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  TOKEN_EXPIRED: 401,
  TOKEN_INVALID: 401,
  TOKEN_REUSED: 401,
  FORBIDDEN: 403,
  EMAIL_NOT_VERIFIED: 403,
  ACCOUNT_LOCKED: 423,
  RATE_LIMITED: 429,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  TRACK_NOT_FOUND: 404,
  PROJECT_NOT_FOUND: 404,
  ALBUM_NOT_FOUND: 404,
  ARTIST_NOT_FOUND: 404,
  PLAYLIST_NOT_FOUND: 404,
  UPLOAD_NOT_FOUND: 404,
  UPLOAD_INCOMPLETE: 409,
  CHECKSUM_MISMATCH: 422,
  INVALID_AUDIO: 422,
  INVALID_IMAGE: 422,
  TRACK_NOT_READY: 409,
  RANGE_NOT_SATISFIABLE: 416,
  INVITE_INVALID: 404,
  INVITE_EXPIRED: 410,
  CONFLICT: 409,
  EMAIL_TAKEN: 409,
  USERNAME_TAKEN: 409,
  WEAK_PASSWORD: 400,
  DEVICE_LIMIT_REACHED: 409,
  DEVICE_NOT_FOUND: 404,
  LICENCE_NOT_FOUND: 404,
  LICENCE_REVOKED: 403,
  LICENCE_EXPIRED: 403,
  ENTITLEMENT_REQUIRED: 403,
  STORAGE_LIMIT_REACHED: 507,
  DOWNLOAD_NOT_FOUND: 404,
  HOST_UNAVAILABLE: 503,
  OFFLINE: 503,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** The HTTP status that goes with an error code. */
export function statusOf(code: ErrorCode): number {
  return STATUS[code];
}

/** The error envelope of seed-design.md: every failed REST response has this body. */
export const ErrorBody = z.object({
  code: ErrorCode,
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
  timestamp: z.string(),
  requestId: z.string(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const ErrorEnvelope = z.object({ error: ErrorBody });
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;

/**
 * The one typed error of Encore. Thrown anywhere; turned into the envelope at the edge.
 *
 * @example
 * throw new EncoreError('TRACK_NOT_FOUND', 'The requested track could not be found', { trackId });
 */
export class EncoreError extends Error {
  override readonly name = 'EncoreError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  get status(): number {
    return statusOf(this.code);
  }

  toBody(requestId: string, now: Date = new Date()): ErrorBody {
    return {
      code: this.code,
      message: this.message,
      ...(this.details ? { details: this.details } : {}),
      timestamp: now.toISOString(),
      requestId,
    };
  }

  /** Rebuilds an error from an envelope body received over the wire. */
  static fromBody(body: Pick<ErrorBody, 'code' | 'message' | 'details'>): EncoreError {
    return new EncoreError(body.code, body.message, body.details);
  }
}

export function isEncoreError(e: unknown): e is EncoreError {
  return e instanceof EncoreError;
}
