import { describe, expect, it } from 'vitest';
import { EncoreError } from '@encore/shared/errors';
import { createCatalogApi } from './catalogApi';
import { catalogTrack } from './fixtures';

function api(reply: (url: string, init: RequestInit) => Response | Promise<Response>, token: string | null = 'tok') {
  const calls: { url: string; init: RequestInit }[] = [];
  const client = createCatalogApi({
    baseUrl: async () => 'http://sync.test/',
    accessToken: async () => token,
    fetch: async (input, init = {}) => {
      calls.push({ url: String(input), init });
      return reply(String(input), init);
    },
  });
  return { client, calls };
}
const ok = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

describe('catalogApi', () => {
  it('searches with the token and parses the reply', async () => {
    const { client, calls } = api(() => ok({ tracks: [catalogTrack({ title: 'Midnight' })], artists: [] }));
    const res = await client.search('midnigt sun', 10);
    expect(res.tracks[0]?.title).toBe('Midnight');
    expect(calls[0]?.url).toBe('http://sync.test/api/search?q=midnigt+sun&limit=10');
    expect(new Headers(calls[0]?.init.headers).get('authorization')).toBe('Bearer tok');
  });

  it('turns the error envelope into an EncoreError with the server code', async () => {
    const { client } = api(() => new Response(JSON.stringify({ error: { code: 'TRACK_NOT_FOUND', message: 'gone', timestamp: 'x', requestId: 'r' } }), { status: 404 }));
    await expect(client.album('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'TRACK_NOT_FOUND', message: 'gone' });
  });

  it('reports OFFLINE when the server cannot be reached', async () => {
    const { client } = api(() => Promise.reject(new TypeError('fetch failed')));
    const err = await client.genres().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EncoreError);
    expect((err as EncoreError).code).toBe('OFFLINE');
  });

  it('refuses a malformed reply instead of passing it on', async () => {
    const { client } = api(() => ok({ tracks: [{ id: 'nope' }] }));
    await expect(client.newTracks()).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('needs a session for writes and uses PUT/DELETE for marks', async () => {
    const signedOut = api(() => ok({ active: true }), null);
    await expect(signedOut.client.setMark('like', 'a', true)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(signedOut.calls).toHaveLength(0);
    const { client, calls } = api(() => ok({ active: false }));
    expect(await client.setMark('follow', 'abc', false)).toEqual({ active: false });
    expect(calls[0]?.init.method).toBe('DELETE');
    expect(calls[0]?.url).toBe('http://sync.test/api/me/follows/artists/abc');
  });
});
