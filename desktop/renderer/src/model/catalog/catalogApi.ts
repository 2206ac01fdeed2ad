import type { z } from 'zod';
import {
  AlbumResponse,
  ArtistPageResponse,
  AutocompleteResponse,
  PlayEventResponse,
  SearchResponse,
  TrackListResponse,
  type PlayEventRequest,
} from '@encore/shared/api/catalog';
import { AlbumListResponse, GenreListResponse } from '@encore/shared/api/catalogReleases';
import { SocialState, SocialStats } from '@encore/shared/api/social';
import { EncoreError, ErrorEnvelope } from '@encore/shared/errors';

/** Where the sync-server is and who is asking; both read per call so a settings change or token refresh applies at once. */
export interface CatalogApiPorts {
  baseUrl(): Promise<string>;
  /** A fresh access token, or null when signed out / offline. */
  accessToken(): Promise<string | null>;
  fetch?: typeof fetch;
}

/** The social marks a listener sets: a track like, an album save, an artist follow. */
export type MarkKind = 'like' | 'save' | 'follow';
const MARK_PATH: Record<MarkKind, string> = { like: 'likes/tracks', save: 'saves/albums', follow: 'follows/artists' };
const STATS_PATH: Record<MarkKind, string> = { like: 'tracks', save: 'albums', follow: 'artists' };

export type CatalogApi = ReturnType<typeof createCatalogApi>;

/**
 * The renderer's client of the catalog REST API (`shared/src/api/catalog.ts`): every reply is
 * parsed with its contract; failures are {@link EncoreError}s with the server's code, or
 * `OFFLINE` when the server cannot be reached. The renderer talks to the sync-server
 * directly with the host's short-lived access token (ARCHITECTURE.md: the servers are the
 * renderer's only network peers).
 *
 * @example
 * const api = createCatalogApi({ baseUrl: async () => 'http://127.0.0.1:8787', accessToken: async () => token });
 * const { tracks } = await api.search('midnigt');
 */
export function createCatalogApi(ports: CatalogApiPorts) {
  const doFetch = ports.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  async function raw(path: string, init: RequestInit = {}, auth: 'optional' | 'required' = 'optional'): Promise<Response> {
    const base = (await ports.baseUrl()).replace(/\/+$/, '');
    const token = await ports.accessToken().catch(() => null);
    if (auth === 'required' && !token) throw new EncoreError('UNAUTHENTICATED', 'Sign in to do this');
    const headers = new Headers(init.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    let res: Response;
    try {
      res = await doFetch(`${base}${path}`, { ...init, headers });
    } catch {
      throw new EncoreError('OFFLINE', 'The Encore server cannot be reached');
    }
    if (!res.ok) {
      const body: unknown = await res.json().catch(() => null);
      const envelope = ErrorEnvelope.safeParse(body);
      if (envelope.success) throw EncoreError.fromBody(envelope.data.error);
      throw new EncoreError(res.status === 401 ? 'UNAUTHENTICATED' : res.status === 403 ? 'FORBIDDEN' : 'INTERNAL', `The server answered HTTP ${res.status}`);
    }
    return res;
  }

  async function json<T extends z.ZodType>(schema: T, path: string, init?: RequestInit, auth?: 'optional' | 'required'): Promise<z.output<T>> {
    const res = await raw(path, { ...init, headers: { accept: 'application/json', ...(init?.headers as Record<string, string> | undefined) } }, auth);
    const parsed = schema.safeParse(await res.json().catch(() => null));
    if (!parsed.success) throw new EncoreError('INTERNAL', `Unexpected reply from ${path.split('?')[0]}`);
    return parsed.data;
  }

  const q = (params: Record<string, string | number>) => new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();

  return {
    raw,
    json,
    newTracks: (limit = 20) => json(TrackListResponse, `/api/tracks/new?${q({ limit })}`),
    newAlbums: (limit = 12) => json(AlbumListResponse, `/api/albums/new?${q({ limit })}`),
    genres: () => json(GenreListResponse, '/api/genres'),
    genreTracks: (genre: string, limit = 50) => json(TrackListResponse, `/api/genres/${encodeURIComponent(genre)}/tracks?${q({ limit })}`),
    search: (text: string, limit = 20) => json(SearchResponse, `/api/search?${q({ q: text, limit })}`),
    autocomplete: (text: string) => json(AutocompleteResponse, `/api/search/autocomplete?${q({ q: text })}`),
    album: (id: string) => json(AlbumResponse, `/api/albums/${encodeURIComponent(id)}`),
    artist: (id: string) => json(ArtistPageResponse, `/api/artists/${encodeURIComponent(id)}`),
    stats: (kind: MarkKind, id: string) => json(SocialStats, `/api/social/${STATS_PATH[kind]}/${encodeURIComponent(id)}`),
    setMark: (kind: MarkKind, id: string, active: boolean) =>
      json(SocialState, `/api/me/${MARK_PATH[kind]}/${encodeURIComponent(id)}`, { method: active ? 'PUT' : 'DELETE' }, 'required'),
    recordPlay: (event: PlayEventRequest) =>
      json(PlayEventResponse, '/api/analytics/events', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) }, 'required'),
    /** The stream of a track, the rendition chosen by the server from the listener's quality setting and plan. */
    stream: async (trackId: string) => (await raw(`/api/tracks/${encodeURIComponent(trackId)}/stream`, {}, 'required')).blob(),
    cover: async (coverId: string, size: '300' | '600' = '300') => (await raw(`/api/covers/${encodeURIComponent(coverId)}?${q({ size })}`)).blob(),
  };
}
