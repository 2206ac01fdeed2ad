import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { cleanupApps, renderApp } from '../../app/testing/renderApp';
import { accountUser } from '../../host/testing/fixtures';
import { createMemoryHost } from '../../host/testing/memoryHost';
import type { MemoryTrackSeed } from '../../host/testing/memoryLibrary';

const MIRA = { userId: '0b7c8f5e-6a3d-4c1b-9a2e-3f4d5c6b7a89', username: 'mira' };
const JO = { userId: '1c8d9f6a-7b4e-4d2c-8b3f-405e6d7c8b9a', username: 'jo' };
const SAM = { userId: '2d9e0a7b-8c5f-4e3d-9c4a-516f7e8d9cab', username: 'sam' };
const ROAD = '3a0f1b8c-9d6a-4f4e-8d5b-627a8f9e0dbc';
const JAZZ = '4b1a2c9d-0e7b-4a5f-9e6c-738b9a0f1ecd';
const hex = (n: number) => n.toString(16).padStart(64, '0');
const tracks: MemoryTrackSeed[] = [{ id: hex(1), title: 'So What', artists: ['Miles Davis'], album: 'Kind of Blue', albumArtist: 'Miles Davis', trackNo: 1, year: 1959, genres: ['Jazz'], durationSec: 2 }];
const at = (d: string) => new Date(`2026-11-${d}T12:00:00Z`).toISOString();
const entry = (n: number, title: string, artist: string, by: typeof MIRA, day: string) => ({ track: { kind: 'local' as const, sha256: hex(n) }, title, artist, addedBy: by, addedAt: at(day) });

afterEach(async () => {
  await cleanupApps();
});

function render() {
  const memory = createMemoryHost({
    session: { state: 'signed-in', user: accountUser({ username: 'mira' }), accessToken: 'token', offline: false },
    library: { tracks },
    sharedPlaylists: {
      me: MIRA,
      users: [JO, SAM],
      playlists: [
        {
          id: ROAD,
          name: 'Road trip',
          role: 'owner',
          members: [{ ...MIRA, role: 'owner', addedAt: at('01') }, { ...JO, role: 'editor', addedAt: at('02') }],
          entries: [entry(1, 'Highway Song', 'The Band', MIRA, '03'), entry(2, 'Coastline', 'Jo & the Tides', JO, '04'), entry(3, 'Night Drive', 'Neon Lakes', MIRA, '05')],
        },
        { id: JAZZ, name: 'Jo’s jazz picks', role: 'viewer', members: [{ ...JO, role: 'owner', addedAt: at('01') }, { ...MIRA, role: 'viewer', addedAt: at('02') }], entries: [entry(4, 'Blue in Green', 'Miles Davis', JO, '06')] },
      ],
    },
  });
  return renderApp(memory.link).then(() => memory);
}

describe('shared playlists in the library', () => {
  it('lists shared playlists, shows who added what and the collaborators; the owner invites; edits from others appear', async () => {
    const memory = await render();
    await expect.element(page.getByTestId(`shared-playlist-${JAZZ}`)).toHaveTextContent('viewer');
    await userEvent.click(page.getByTestId(`shared-playlist-${ROAD}`));
    await expect.element(page.getByTestId('shared-playlist-name')).toHaveTextContent('Road trip');
    await expect.element(page.getByTestId('shared-playlist-entry').nth(2)).toBeVisible();
    const addedBy = () => [...document.querySelectorAll('[data-testid="shared-playlist-added-by"]')].map((e) => e.textContent?.split(' · ')[0]);
    expect(addedBy()).toEqual(['added by mira', 'added by jo', 'added by mira']);
    await expect.element(page.getByTestId('shared-playlist-members')).toHaveTextContent('jo · editor');

    await userEvent.fill(page.getByTestId('shared-playlist-invite-name'), 'nobody');
    await userEvent.click(page.getByTestId('shared-playlist-invite'));
    await expect.element(page.getByTestId('shared-playlist-error')).toHaveTextContent('No such user');
    await userEvent.fill(page.getByTestId('shared-playlist-invite-name'), 'sam');
    await userEvent.selectOptions(page.getByTestId('shared-playlist-invite-role'), 'viewer');
    await userEvent.click(page.getByTestId('shared-playlist-invite'));
    await expect.element(page.getByTestId('shared-playlist-members')).toHaveTextContent('sam · viewer');

    // Jo adds a song on their computer: it arrives through sync, attributed to Jo.
    memory.sharedPlaylists.peerAdd(ROAD, entry(5, 'Open Road', 'Jo & the Tides', JO, '07'));
    await expect.element(page.getByTestId('shared-playlist-entry').nth(3)).toHaveTextContent('added by jo');
    await page.screenshot({ path: '../../../../../test-results/screenshots/library-shared-playlist.png' });

    await userEvent.click(page.getByTestId('shared-playlist-remove').first());
    await expect.poll(() => memory.sharedPlaylists.view(ROAD)?.entries.map((e) => e.title)).toEqual(['Coastline', 'Night Drive', 'Open Road']);
    await expect.element(page.getByTestId('shared-playlist-entry').first()).toHaveTextContent('Coastline');

    // Drag the last entry to the top: a move on the document, not a copy.
    await page.getByTestId('shared-playlist-entry').nth(2).dropTo(page.getByTestId('shared-playlist-entry').nth(0));
    await expect.poll(() => memory.sharedPlaylists.view(ROAD)?.entries.map((e) => e.title)).toEqual(['Open Road', 'Coastline', 'Night Drive']);
    await expect.element(page.getByTestId('shared-playlist-entry').first()).toHaveTextContent('Open Road');
  });

  it('a viewer sees the playlist but no edit controls; another library tab leaves the shared view', async () => {
    await render();
    await userEvent.click(page.getByTestId(`shared-playlist-${JAZZ}`));
    await expect.element(page.getByTestId('shared-playlist-entry').first()).toHaveTextContent('added by jo');
    expect(document.querySelector('[data-testid="shared-playlist-remove"]')).toBeNull();
    expect(document.querySelector('[data-testid="shared-playlist-invite"]')).toBeNull();
    await userEvent.click(page.getByTestId('library-tab-songs'));
    await expect.element(page.getByTestId('shared-playlist-view')).not.toBeInTheDocument();
  });

  it('adds a library song to a shared playlist the user may edit, from its menu', async () => {
    const memory = await render();
    // Without the app's stylesheet the player bar covers the rows: click the elements themselves.
    await expect.element(page.getByTestId('track-menu').first()).toBeInTheDocument();
    (page.getByTestId('track-menu').first().element() as HTMLElement).click();
    await expect.element(page.getByTestId(`menu-add-shared-${ROAD}`)).toBeInTheDocument();
    expect(document.querySelector(`[data-testid="menu-add-shared-${JAZZ}"]`)).toBeNull(); // viewer
    (page.getByTestId(`menu-add-shared-${ROAD}`).element() as HTMLElement).click();
    await expect.poll(() => memory.sharedPlaylists.view(ROAD)?.entries.at(-1)).toMatchObject({ title: 'So What', artist: 'Miles Davis', track: { kind: 'local', sha256: hex(1) }, addedBy: MIRA });
    await userEvent.click(page.getByTestId(`shared-playlist-${ROAD}`));
    await expect.element(page.getByTestId('shared-playlist-entry').nth(3)).toHaveTextContent('So What');
  });

  it('creates a shared playlist and opens it', async () => {
    await render();
    await userEvent.click(page.getByTestId('shared-playlist-new'));
    await userEvent.fill(page.getByTestId('shared-playlist-new-name'), 'Friday mix');
    await userEvent.keyboard('{Enter}');
    await expect.element(page.getByTestId('shared-playlist-name')).toHaveTextContent('Friday mix');
    await expect.element(page.getByTestId('shared-playlist-members')).toHaveTextContent('mira · owner');
  });
});
