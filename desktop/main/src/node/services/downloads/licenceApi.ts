import { z } from 'zod';
import { AlbumResponse, PlayEventResponse, TrackResponse, type PlayEventRequest } from '@encore/shared/api/catalog';
import { DeviceResponse, GrantLicenceResponse, RenewLicencesResponse, type GrantLicenceRequest, type RegisterDeviceRequest } from '@encore/shared/api/licences';
import { EncoreError, ErrorCode } from '@encore/shared/errors';

// Lenient on the code: a newer server may answer with a code this build does not know yet.
const Envelope = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }) });

/** Where and as whom to call the sync-server. */
export interface ServerAuth {
  serverUrl: string;
  userId: string;
  accessToken: string;
}

/** Network failure, timeout or a 5xx/408/429: worth trying again later. */
export function isRetryable(e: unknown): boolean {
  return e instanceof EncoreError && ['OFFLINE', 'SERVICE_UNAVAILABLE', 'INTERNAL', 'RATE_LIMITED', 'UNAUTHENTICATED', 'TOKEN_EXPIRED'].includes(e.code);
}

/**
 * REST client for what downloads need from the sync-server: catalog reads, devices, licences,
 * the licensed file (streamed, with Range) and play events. Bodies are parsed with the shared
 * contracts; error envelopes become {@link EncoreError} with the server's code; a server that
 * cannot be reached is `OFFLINE`.
 *
 * @example
 * const api = new LicenceApi();
 * const { licence, secret } = await api.grant(auth, { deviceId, trackId, quality: 'high' });
 */
export class LicenceApi {
  constructor(private readonly o: { timeoutMs?: number; fetch?: typeof fetch } = {}) {}

  track(a: ServerAuth, id: string) {
    return this.json(a, 'GET', `/api/tracks/${encodeURIComponent(id)}`, TrackResponse);
  }

  album(a: ServerAuth, id: string) {
    return this.json(a, 'GET', `/api/albums/${encodeURIComponent(id)}`, AlbumResponse);
  }

  registerDevice(a: ServerAuth, body: RegisterDeviceRequest) {
    return this.json(a, 'POST', '/api/devices', DeviceResponse, body);
  }

  grant(a: ServerAuth, body: GrantLicenceRequest) {
    return this.json(a, 'POST', '/api/licences', GrantLicenceResponse, body);
  }

  renew(a: ServerAuth, deviceId: string, licenceIds: string[]) {
    return this.json(a, 'POST', '/api/licences/renew', RenewLicencesResponse, { deviceId, licenceIds });
  }

  release(a: ServerAuth, licenceId: string) {
    return this.json(a, 'DELETE', `/api/licences/${encodeURIComponent(licenceId)}`, z.unknown());
  }

  reportPlay(a: ServerAuth, body: PlayEventRequest) {
    return this.json(a, 'POST', '/api/analytics/events', PlayEventResponse, body);
  }

  /** A catalog cover (600 px JPEG) for the library's album view; null when the server has none. */
  async cover(a: ServerAuth, coverId: string): Promise<{ bytes: Uint8Array; mime: string } | null> {
    let res: Response;
    try {
      res = await this.fetch()(`${a.serverUrl}/api/covers/${encodeURIComponent(coverId)}?size=600`, { headers: { authorization: `Bearer ${a.accessToken}` }, signal: AbortSignal.timeout(this.o.timeoutMs ?? 15_000), redirect: 'error' });
    } catch (e) {
      throw offline(e);
    }
    if (res.status === 404) return null;
    if (!res.ok) throw toError(res.status, await res.text().catch(() => ''));
    return { bytes: new Uint8Array(await res.arrayBuffer()), mime: res.headers.get('content-type') ?? 'image/jpeg' };
  }

  /**
   * Opens the licensed file from byte `from` (a Range request when > 0, guarded by If-Range so
   * a changed file comes back whole). `partial` says whether the server honoured the range.
   */
  async file(a: ServerAuth, licenceId: string, from: number, etag: string | null, signal: AbortSignal): Promise<{ body: ReadableStream<Uint8Array>; partial: boolean; etag: string | null; length: number | null }> {
    const headers: Record<string, string> = { authorization: `Bearer ${a.accessToken}` };
    if (from > 0) {
      headers.range = `bytes=${from}-`;
      if (etag) headers['if-range'] = etag;
    }
    let res: Response;
    try {
      res = await this.fetch()(`${a.serverUrl}/api/licences/${encodeURIComponent(licenceId)}/file`, { headers, signal, redirect: 'error' });
    } catch (e) {
      if (signal.aborted) throw e;
      throw offline(e);
    }
    if (!res.ok || !res.body) throw toError(res.status, await res.text().catch(() => ''));
    const length = res.headers.get('content-length');
    return { body: res.body, partial: res.status === 206, etag: res.headers.get('etag'), length: length === null ? null : Number(length) };
  }

  private fetch(): typeof fetch {
    return this.o.fetch ?? globalThis.fetch;
  }

  private async json<S extends z.ZodType>(a: ServerAuth, method: string, path: string, schema: S, body?: unknown): Promise<z.output<S>> {
    const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${a.accessToken}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    let text: string;
    try {
      res = await this.fetch()(`${a.serverUrl}${path}`, { method, headers, body: body === undefined ? null : JSON.stringify(body), signal: AbortSignal.timeout(this.o.timeoutMs ?? 15_000), redirect: 'error' });
      text = await res.text();
    } catch (e) {
      throw offline(e);
    }
    if (!res.ok) throw toError(res.status, text);
    if (res.status === 204) return schema.parse(undefined);
    const parsed = schema.safeParse(text ? JSON.parse(text) : undefined);
    if (!parsed.success) throw new EncoreError('SERVICE_UNAVAILABLE', 'The server answered in an unexpected shape', { path });
    return parsed.data;
  }
}

function offline(e: unknown): EncoreError {
  return new EncoreError('OFFLINE', 'The Encore server cannot be reached; try again when you are online', { cause: e instanceof Error ? e.message : String(e) });
}

function toError(status: number, text: string): EncoreError {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const env = Envelope.safeParse(json);
  if (env.success) {
    const code = ErrorCode.safeParse(env.data.error.code);
    return new EncoreError(code.success ? code.data : status >= 500 ? 'SERVICE_UNAVAILABLE' : 'BAD_REQUEST', env.data.error.message, env.data.error.details);
  }
  return new EncoreError(status >= 500 ? 'SERVICE_UNAVAILABLE' : 'BAD_REQUEST', `The server answered ${status}`);
}
