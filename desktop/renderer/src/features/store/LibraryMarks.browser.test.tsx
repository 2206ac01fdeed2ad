import { afterEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { CatalogAlbum } from '@encore/shared/api/catalog';
import { cleanupApps, renderApp } from '../../app/testing/renderApp';
import { accountUser } from '../../host/testing/fixtures';
import { createMemoryHost, type MemoryHost } from '../../host/testing/memoryHost';
import { catalogTrack } from '../../model/catalog/fixtures';

const signedIn = { state: 'signed-in' as const, user: accountUser({ username: 'mira' }), accessToken: 'tok', offline: false };
const ALBUM = '00000000-0000-4000-8000-dddddddddddd';
const first = catalogTrack({ title: 'Harbour Lights', albumId: ALBUM, trackNumber: 1, artistName: 'Lumen' });
const second = catalogTrack({ title: 'Low Tide', albumId: ALBUM, trackNumber: 2, artistName: 'Lumen' });
const album: CatalogAlbum = { id: ALBUM, title: 'Coastline', albumType: 'album', artistId: first.artistId, artistName: 'Lumen', genres: [], coverId: null, tracks: [first, second], createdAt: '2026-01-01T00:00:00.000Z' };
const { tracks: _tracks, ...summary } = album;

/**
 * A stand-in sync-server: the catalog, and the listener's likes and saves as the host has
 * carried them there (the memory host's library-state document). Nothing here writes marks:
 * the Store must go through the host.
 */
function fakeServer(memory: () => MemoryHost) {
  const writes: string[] = [];
  const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const handler = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const p = new URL(String(input)).pathname;
    if ((init.method ?? 'GET') !== 'GET') writes.push(`${init.method} ${p}`);
    const state = memory().sharedPlaylists.libraryState();
    if (p === '/api/tracks/new') return json({ tracks: [first, second] });
    if (p === '/api/albums/new') return json({ albums: [summary] });
    if (p === '/api/genres') return json({ genres: [] });
    if (p === `/api/albums/${ALBUM}`) return json({ album });
    if (p.startsWith('/api/social/')) return json({ id: p.split('/').pop(), count: 7, ratingCount: 0, ratingAverage: null, viewer: { active: false, rating: null } });
    if (p === '/api/me/likes') {
      const items = state.likedTracks.flatMap((id) => [first, second].filter((t) => t.id === id)).map((track) => ({ track, likedAt: '2026-02-01T00:00:00.000Z' }));
      return json({ items, total: items.length, nextOffset: null });
    }
    if (p === '/api/me/saves') {
      const items = state.savedAlbums.includes(ALBUM) ? [{ album: summary, savedAt: '2026-02-01T00:00:00.000Z' }] : [];
      return json({ items, total: items.length, nextOffset: null });
    }
    return json({ error: { code: 'NOT_FOUND', message: `no route ${p}`, timestamp: '', requestId: 'r' } }, 404);
  };
  return { writes, handler };
}

afterEach(() => {
  vi.unstubAllGlobals();
  return cleanupApps();
});

describe('likes and saved albums in the Store and the player bar', () => {
  it('hearts and Save write the library-state document through the host, show filled, follow other devices, and list under Liked & saved', async () => {
    const memory = createMemoryHost({ session: signedIn });
    const server = fakeServer(() => memory);
    const realFetch = globalThis.fetch;
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => (String(input).startsWith('http://127.0.0.1:8787') ? server.handler(input, init) : realFetch(input, init)));
    await renderApp(memory.link, { hash: '#/store' });

    await userEvent.click(page.getByTestId('store-album-tile'));
    await expect.element(page.getByTestId('store-album-title')).toHaveTextContent('Coastline');
    const rows = page.getByTestId('store-track');
    const heart = (i: number) => rows.nth(i).getByTestId('mark-like');
    await expect.element(heart(0)).toHaveAttribute('aria-pressed', 'false');
    await expect.element(heart(0)).toBeEnabled();

    // Like a row and save the album: filled at once, in the user's document (the host syncs it).
    await userEvent.click(heart(0));
    await expect.element(heart(0)).toHaveAttribute('aria-pressed', 'true');
    await expect.element(heart(1)).toHaveAttribute('aria-pressed', 'false');
    const save = page.getByTestId('store-album-page').getByRole('button', { name: 'Save' });
    await userEvent.click(save);
    const saved = page.getByTestId('store-album-page').getByRole('button', { name: 'Saved' });
    await expect.element(saved).toHaveAttribute('aria-pressed', 'true');
    await expect.element(saved).toHaveTextContent('8'); // the server's 7 savers, and this one
    expect(memory.sharedPlaylists.libraryState()).toMatchObject({ likedTracks: [first.id], savedAlbums: [ALBUM] });
    expect(server.writes).toEqual([]);

    // The player bar shows the like of the catalog track that plays, and unlikes it.
    await userEvent.click(page.getByTestId('store-album-play'));
    await expect.element(page.getByTestId('player-title')).toHaveTextContent('Harbour Lights');
    const barLike = page.getByTestId('player-like');
    await expect.element(barLike).toHaveAttribute('aria-pressed', 'true');
    await userEvent.click(barLike);
    await expect.element(barLike).toHaveAttribute('aria-pressed', 'false');
    await expect.element(heart(0)).toHaveAttribute('aria-pressed', 'false');
    expect(memory.sharedPlaylists.libraryState().likedTracks).toEqual([]);
    await userEvent.click(barLike);
    await expect.element(heart(0)).toHaveAttribute('aria-pressed', 'true');

    // Another of the user's devices likes the second track: its heart fills here.
    memory.sharedPlaylists.peerSetLiked(second.id, true);
    await expect.element(heart(1)).toHaveAttribute('aria-pressed', 'true');

    // Liked & saved lists them, newest like first; an unlike there hides the song at once.
    await userEvent.click(page.getByTestId('store-open-library'));
    const liked = page.getByTestId('store-liked').getByTestId('store-track');
    await expect.poll(() => liked.elements().map((e) => e.textContent?.includes('Low Tide') ? 'Low Tide' : 'Harbour Lights')).toEqual(['Low Tide', 'Harbour Lights']);
    await expect.element(page.getByTestId('store-saved-albums')).toHaveTextContent('Coastline');
    await userEvent.click(liked.nth(0).getByTestId('mark-like'));
    await expect.poll(() => liked.elements().length).toBe(1);
    await expect.element(liked.nth(0)).toHaveTextContent('Harbour Lights');
    expect(server.writes).toEqual([]);
  });

  it('signed out, the hearts are disabled and the page asks to sign in', async () => {
    const memory = createMemoryHost({ session: { state: 'signed-out' } });
    const server = fakeServer(() => memory);
    const realFetch = globalThis.fetch;
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => (String(input).startsWith('http://127.0.0.1:8787') ? server.handler(input, init) : realFetch(input, init)));
    await renderApp(memory.link, { hash: '#/store' });
    await expect.element(page.getByTestId('store-home').getByTestId('mark-like').first()).toBeDisabled();
    await userEvent.click(page.getByTestId('store-open-library'));
    await expect.element(page.getByTestId('store-library-signed-out')).toHaveTextContent('Sign in');
  });
});
