import { z } from 'zod';
import { AuthResponse, MeResponse, TokenPair, type LoginRequest } from '@encore/shared/api/auth';
import type { RegisterAccountRequest } from '@encore/shared/api/account';
import { AccountUser } from '@encore/shared/domain/user';
import { EncoreError, ErrorCode } from '@encore/shared/errors';

/** The sync-server could not be reached (network error, timeout, or a gateway saying it is down). */
export class UnreachableError extends Error {
  override readonly name = 'UnreachableError';
}

export interface AuthApiOptions {
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** Refresh answers carry the user too (AuthResponse); tolerate a bare pair from an older server. */
const RefreshResponse = TokenPair.extend({ user: AccountUser.optional() });

// Lenient on the code: a newer server may answer with a code this build does not know yet.
const Envelope = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }) });

/**
 * REST client for the sync-server's /api/auth. Every body is parsed with the shared
 * contracts; error envelopes become {@link EncoreError} with the server's code; network
 * failures become {@link UnreachableError} so callers can fall back to offline behaviour.
 *
 * @example
 * const api = new AuthApi({ timeoutMs: 5000 });
 * const auth = await api.login('http://127.0.0.1:8787', { login: 'ada', password: '...' });
 */
export class AuthApi {
  private readonly timeoutMs: number;
  private readonly fetch: typeof fetch;

  constructor(o: AuthApiOptions = {}) {
    this.timeoutMs = o.timeoutMs ?? 5_000;
    this.fetch = o.fetch ?? globalThis.fetch;
  }

  register(base: string, body: RegisterAccountRequest, signal?: AbortSignal) {
    return this.request(base, 'POST', '/api/auth/register', AuthResponse, { body, signal });
  }

  login(base: string, body: LoginRequest, signal?: AbortSignal) {
    return this.request(base, 'POST', '/api/auth/login', AuthResponse, { body, signal });
  }

  refresh(base: string, refreshToken: string, signal?: AbortSignal) {
    return this.request(base, 'POST', '/api/auth/refresh-token', RefreshResponse, { body: { refreshToken }, signal });
  }

  logout(base: string, refreshToken: string, signal?: AbortSignal) {
    return this.request(base, 'POST', '/api/auth/logout', z.unknown(), { body: { refreshToken }, signal });
  }

  me(base: string, accessToken: string, signal?: AbortSignal) {
    return this.request(base, 'GET', '/api/auth/me', MeResponse, { bearer: accessToken, signal });
  }

  private async request<S extends z.ZodType>(base: string, method: string, path: string, schema: S, o: { body?: unknown; bearer?: string; signal?: AbortSignal | undefined }): Promise<z.output<S>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (o.body !== undefined) headers['content-type'] = 'application/json';
    if (o.bearer) headers.authorization = `Bearer ${o.bearer}`;
    const timeout = AbortSignal.timeout(this.timeoutMs);
    let res: Response;
    let text: string;
    try {
      res = await this.fetch(`${base}${path}`, {
        method,
        headers,
        body: o.body === undefined ? null : JSON.stringify(o.body),
        signal: o.signal ? AbortSignal.any([o.signal, timeout]) : timeout,
        redirect: 'error',
      });
      text = await res.text();
    } catch (e) {
      throw new UnreachableError(`Cannot reach ${base}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
    const json = parseJson(text);
    if (!res.ok) throw this.toError(res.status, json, path);
    if (res.status === 204) return schema.parse(undefined);
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new EncoreError('INTERNAL', 'The Encore server sent a response this app does not understand', { path, status: res.status });
    return parsed.data;
  }

  private toError(status: number, json: unknown, path: string): Error {
    const envelope = Envelope.safeParse(json);
    if (envelope.success) {
      const { code, message, details } = envelope.data.error;
      const known = ErrorCode.safeParse(code);
      return new EncoreError(known.success ? known.data : 'INTERNAL', message, known.success ? details : { ...details, serverCode: code });
    }
    // No envelope: a proxy or gateway answered, not the sync-server itself.
    if (status === 502 || status === 503 || status === 504) return new UnreachableError(`The server at ${path} is unavailable (${status})`);
    return new EncoreError('INTERNAL', `The Encore server answered ${status} without an error body`, { path, status });
  }
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // Not JSON (an HTML error page from a proxy): treated as "no envelope" by the caller.
    return undefined;
  }
}
