import { afterEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { CatalogAlbum, CatalogArtist } from '@encore/shared/api/catalog';
import { cleanupApps, renderApp } from '../../app/testing/renderApp';
import { accountUser } from '../../host/testing/fixtures';
import { createMemoryHost } from '../../host/testing/memoryHost';
import { catalogTrack } from '../../model/catalog/fixtures';

const mira = accountUser({ username: 'mira', subscriptionTier: 'premium' });
const signedIn = { state: 'signed-in' as const, user: mira, accessToken: 'tok', offline: false };
const artist: CatalogArtist = { id: '00000000-0000-4000-8000-aaaaaaaaaaaa', name: 'Nova Lights', bio: 'Synths from Lisbon.', userId: '00000000-0000-4000-8000-bbbbbbbbbbbb' };
const ALBUM = '00000000-0000-4000-8000-cccccccccccc';
const first = catalogTrack({ title: 'Midnight Drive', albumId: ALBUM, trackNumber: 1, artistName: artist.name });
const second = catalogTrack({ title: 'Morning Static', albumId: ALBUM, trackNumber: 2, artistName: artist.name });
const album: CatalogAlbum = { id: ALBUM, title: 'Night Shifts', albumType: 'album', artistId: artist.id, artistName: artist.name, genres: ['synthwave'], coverId: null, tracks: [first, second], createdAt: '2026-01-01T00:00:00.000Z' };
const summary = { ...album, tracks: undefined };

/** 5 s of a quiet 440 Hz tone as a 16-bit mono WAV: real audio, so `<audio>` plays it. */
function wav(): Uint8Array {
  const rate = 8000;
  const n = rate * 5;
  const buf = new DataView(new ArrayBuffer(44 + n * 2));
  const text = (o: number, s: string) => [...s].forEach((c, i) => buf.setUint8(o + i, c.charCodeAt(0)));
  text(0, 'RIFF');
  buf.setUint32(4, 36 + n * 2, true);
  text(8, 'WAVEfmt ');
  buf.setUint32(16, 16, true);
  buf.setUint16(20, 1, true);
  buf.setUint16(22, 1, true);
  buf.setUint32(24, rate, true);
  buf.setUint32(28, rate * 2, true);
  buf.setUint16(32, 2, true);
  buf.setUint16(34, 16, true);
  text(36, 'data');
  buf.setUint32(40, n * 2, true);
  for (let i = 0; i < n; i++) buf.setInt16(44 + i * 2, Math.round(Math.sin((2 * Math.PI * 440 * i) / rate) * 3000), true);
  return new Uint8Array(buf.buffer);
}

/** A stand-in sync-server: the catalog routes the Store calls, recording each request. */
function fakeServer() {
  const requests: { method: string; path: string; auth: string | null }[] = [];
  const follows = new Set<string>();
  const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const handler = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input));
    const method = init.method ?? 'GET';
    requests.push({ method, path: url.pathname + url.search, auth: new Headers(init.headers).get('authorization') });
    const p = url.pathname;
    if (p === '/api/tracks/new') return json({ tracks: [first, second] });
    if (p === '/api/albums/new') return json({ albums: [summary] });
    if (p === '/api/genres') return json({ genres: [{ name: 'synthwave', trackCount: 2, albumCount: 1 }] });
    if (p === '/api/search/autocomplete') return json({ suggestions: [{ kind: 'track', id: first.id, text: first.title }, { kind: 'artist', id: artist.id, text: artist.name }] });
    if (p === '/api/search') return json({ tracks: [first], artists: [artist] });
    if (p === `/api/albums/${ALBUM}`) return json({ album });
    if (p === `/api/artists/${artist.id}`) return json({ artist, albums: [summary], topTracks: [second, first] });
    if (p.startsWith('/api/social/')) return json({ id: p.split('/').pop(), count: follows.size, ratingCount: 0, ratingAverage: null, viewer: { active: follows.has(p.split('/').pop()!), rating: null } });
    if (p === `/api/me/follows/artists/${artist.id}`) {
      if (method === 'PUT') follows.add(artist.id);
      else follows.delete(artist.id);
      return json({ active: method === 'PUT' });
    }
    if (p.endsWith('/stream')) return new Response(wav() as BodyInit, { headers: { 'content-type': 'audio/wav' } });
    return json({ error: { code: 'NOT_FOUND', message: `no route ${p}`, timestamp: '', requestId: 'r' } }, 404);
  };
  return { requests, handler };
}

afterEach(() => {
  vi.unstubAllGlobals();
  return cleanupApps();
});

describe('the Store', () => {
  it('browses, searches with suggestions, opens artist and album pages, follows and streams', async () => {
    const server = fakeServer();
    const realFetch = globalThis.fetch;
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => (String(input).startsWith('http://127.0.0.1:8787') ? server.handler(input, init) : realFetch(input, init)));
    const memory = createMemoryHost({ session: signedIn });
    await renderApp(memory.link, { hash: '#/store' });

    await expect.element(page.getByTestId('store-home')).toBeVisible();
    await expect.element(page.getByTestId('store-genre')).toHaveTextContent('synthwave');
    await expect.element(page.getByTestId('store-album-tile')).toHaveTextContent('Night Shifts');

    await userEvent.type(page.getByTestId('store-search'), 'midnigt');
    await expect.element(page.getByTestId('store-suggestions')).toHaveTextContent('Midnight Drive');
    await userEvent.keyboard('{Enter}');
    await expect.element(page.getByTestId('store-search-query')).toHaveTextContent('midnigt');
    await expect.element(page.getByTestId('store-results-tracks')).toHaveTextContent('Midnight Drive');
    await expect.element(page.getByTestId('store-results-albums')).toHaveTextContent('Night Shifts');
    await expect.element(page.getByTestId('store-results-artists')).toHaveTextContent('Nova Lights');

    await userEvent.click(page.getByTestId('store-artist-result'));
    await expect.element(page.getByTestId('store-artist-name')).toHaveTextContent('Nova Lights');
    await userEvent.click(page.getByTestId('mark-follow'));
    await expect.element(page.getByTestId('mark-follow')).toHaveTextContent('Following');
    expect(server.requests).toContainEqual({ method: 'PUT', path: `/api/me/follows/artists/${artist.id}`, auth: 'Bearer tok' });

    await userEvent.click(page.getByTestId('store-album-tile'));
    await expect.element(page.getByTestId('store-album-title')).toHaveTextContent('Night Shifts');
    const rows = page.getByTestId('store-track');
    await expect.element(rows.nth(0)).toHaveTextContent('Midnight Drive');
    await expect.element(rows.nth(1)).toHaveTextContent('Morning Static');

    await userEvent.click(page.getByTestId('store-album-play'));
    await expect.element(page.getByTestId('store-player-title')).toHaveTextContent('Midnight Drive');
    await expect.element(page.getByTestId('store-player-toggle')).toHaveAccessibleName('Pause');
    await expect.element(page.getByTestId('store-player-upnext')).toHaveTextContent('1 up next');
    expect(server.requests).toContainEqual({ method: 'GET', path: `/api/tracks/${first.id}/stream`, auth: 'Bearer tok' });
    await userEvent.click(rows.nth(1).getByTestId('store-track-queue'));
    await expect.element(page.getByTestId('store-player-upnext')).toHaveTextContent('2 up next');

    // Back walks the Store's own history.
    await userEvent.click(page.getByRole('button', { name: 'Back' }));
    await expect.element(page.getByTestId('store-artist-page')).toBeVisible();
  });

  it('offline, says so and still lists and plays what is downloaded', async () => {
    const memory = createMemoryHost({
      session: signedIn,
      syncServer: 'offline',
      downloads: { items: [{ title: 'Lullaby', artist: 'Bo', state: 'done', receivedBytes: 5, totalBytes: 5, playable: true }] },
    });
    await renderApp(memory.link, { hash: '#/store' });
    await expect.element(page.getByTestId('store-offline')).toHaveTextContent('The Store needs a connection');
    await expect.element(page.getByTestId('store-offline-track')).toHaveTextContent('Lullaby — Bo');
    await expect.element(page.getByTestId('store-search')).not.toBeInTheDocument();
  });
});
