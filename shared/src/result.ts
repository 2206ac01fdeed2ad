import type { ErrorCode } from './errors';

/** The shape of every host-API reply (as Signal does for IPC): never a thrown error across a boundary. */
export type Result<T> =
  | { ok: true; value: T }
  | { ok: false; error: { code: ErrorCode; message: string; details?: Record<string, unknown> } };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
