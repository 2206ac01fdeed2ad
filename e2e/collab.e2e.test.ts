/**
 * Real-time collaboration on the real stack: two desktops (the stack's host and a second host
 * process with its own data folder) against one sync-server, each driven in its own Chromium
 * context. A shares a project and invites B; A adds a track and notes and B sees them live, with
 * A's presence; B works offline, both edit, B comes back and both converge; the chat syncs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { snap, startE2eStack, startExtraHost, type ExtraHost, type Stack } from './stack';

const stamp = Date.now() % 1e8;
const userA = { email: `ada-${stamp}@example.com`, username: `ada_${stamp}`, password: 'correct horse battery staple', name: 'Ada' };
const userB = { email: `bob-${stamp}@example.com`, username: `bob_${stamp}`, password: 'correct horse battery staple', name: 'Bob' };

let stack: Stack;
let hostB: ExtraHost;
let contextA: BrowserContext;
let contextB: BrowserContext;
let a: Page;
let b: Page;

beforeAll(async () => {
  stack = await startE2eStack();
  hostB = await startExtraHost(stack, 'b');
  contextA = await stack.browser.newContext({ viewport: { width: 1280, height: 800 } });
  contextB = await stack.browser.newContext({ viewport: { width: 1280, height: 800 } });
  a = await contextA.newPage();
  b = await contextB.newPage();
});

afterAll(async () => {
  await contextA?.close();
  await contextB?.close();
  await hostB?.stop();
  await stack?.close();
});

async function signUp(p: Page, url: string, user: typeof userA) {
  await p.goto(url);
  await p.getByTestId('nav-library').click();
  await p.getByTestId('open-sign-up').click();
  await p.getByTestId('signup-email').fill(user.email);
  await p.getByTestId('signup-username').fill(user.username);
  await p.getByTestId('signup-password').fill(user.password);
  await p.getByTestId('signup-display-name').fill(user.name);
  await p.getByTestId('signup-submit').click();
  await expect.poll(() => p.getByTestId('account-menu-name').textContent({ timeout: 15_000 })).toContain(user.name);
}

const syncState = (p: Page) => p.getByTestId('sync-status').getAttribute('data-state');
const trackHeaders = (p: Page) => p.locator('[data-testid^="track-header-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')).sort());
const noteLabel = (p: Page) => p.getByTestId('note-grid').getAttribute('aria-label');

/** Draws quarter notes on one pitch (A4 by default) in the open piano roll. */
async function drawNotes(p: Page, count: number, pitch = 69) {
  const grid = p.getByTestId('note-grid');
  await grid.waitFor();
  await p.getByTestId('piano-roll-scroll').evaluate((el) => (el.scrollTop = (127 - 69) * 13 - 60));
  const g = (await grid.boundingBox())!;
  for (let beat = 0; beat < count; beat++) await p.mouse.click(g.x + beat * 120 + 10, g.y + (127 - pitch) * 13 + 6);
}

describe('collaboration e2e: two desktops, one project', () => {
  it('A and B sign up on their own desktops', async () => {
    await signUp(a, stack.appUrl, userA);
    await signUp(b, hostB.appUrl, userB);
  });

  it('A creates a project, shares it and invites B as an editor', async () => {
    await a.getByTestId('nav-studio').click();
    await a.getByTestId('new-empty-project').click();
    await a.getByTestId('project-editor').waitFor({ timeout: 20_000 });
    expect(await syncState(a)).toBe('local');
    await a.getByTestId('share-project').click();
    await expect.poll(() => syncState(a), { timeout: 20_000 }).toBe('synced');
    await a.getByTestId('open-members').click();
    await a.getByTestId('invite-username').fill(userB.username);
    await a.getByTestId('invite-submit').click();
    await a.locator(`[data-testid="member"][data-username="${userB.username}"]`).waitFor();
    await snap(a, 'collab-1-a-shared-members');
    await a.getByTestId('open-members').click();
  });

  it('B opens the shared project from the server and sees A present', async () => {
    await b.getByTestId('nav-studio').click();
    await b.getByTestId('shared-project').first().waitFor({ timeout: 15_000 });
    await snap(b, 'collab-2-b-shared-list');
    await b.getByTestId('shared-open').first().click();
    await b.getByTestId('project-editor').waitFor({ timeout: 20_000 });
    await expect.poll(() => syncState(b), { timeout: 20_000 }).toBe('synced');
    await b.locator(`[data-testid="presence-peer"][data-username="${userA.username}"]`).waitFor({ timeout: 20_000 });
    await a.locator(`[data-testid="presence-peer"][data-username="${userB.username}"]`).waitFor({ timeout: 20_000 });
    // The member list shows who is online now.
    await a.getByTestId('open-members').click();
    await a.locator(`[data-testid="member"][data-username="${userB.username}"][data-online="true"]`).waitFor({ timeout: 15_000 });
    await snap(a, 'collab-2-a-members-online');
    await a.getByTestId('open-members').click();
  });

  it('A adds a track and draws notes: B sees them live, and what A selected', async () => {
    await a.getByTestId('add-instrument-track').click();
    const lane = a.locator('[data-testid^="lane-"]').first();
    await lane.waitFor();
    const box = (await lane.boundingBox())!;
    await a.mouse.dblclick(box.x + 40, box.y + box.height / 2);
    await drawNotes(a, 4);
    await expect.poll(() => noteLabel(a)).toMatch(/: 4$/);

    await expect.poll(() => trackHeaders(b), { timeout: 15_000 }).toEqual(await trackHeaders(a));
    const clipB = b.getByTestId('lanes').locator('[data-testid^="clip-"]').first();
    await clipB.waitFor({ timeout: 15_000 });
    await clipB.click();
    await expect.poll(() => noteLabel(b), { timeout: 15_000 }).toMatch(/: 4$/);
    // A's selection (the track of the clip A drew) reaches B through presence.
    const peerA = b.locator(`[data-testid="presence-peer"][data-username="${userA.username}"]`);
    await expect.poll(() => peerA.getAttribute('data-track-id'), { timeout: 15_000 }).not.toBe('');
    // …and is drawn over B's arrangement in A's colour: A's clip outlined, A's playhead, A's pointer.
    const ofA = (testId: string) => b.getByTestId('arrangement-presence').locator(`[data-testid="${testId}"][data-username="${userA.username}"]`);
    await ofA('peer-clip').waitFor({ timeout: 15_000 });
    await ofA('peer-track').waitFor({ state: 'attached', timeout: 15_000 });
    await ofA('peer-playhead').waitFor({ state: 'attached', timeout: 15_000 });
    const lanesA = (await a.getByTestId('lanes').boundingBox())!;
    await a.mouse.move(lanesA.x + 300, lanesA.y + 20);
    await a.mouse.move(lanesA.x + 320, lanesA.y + 30);
    await ofA('peer-cursor').waitFor({ timeout: 15_000 });
    await snap(b, 'collab-3-b-sees-a-live');
    await snap(a, 'collab-3-a-after-edit');
  });

  it('B works offline and edits, A edits too; B comes back and both converge', async () => {
    // The box follows the host's answer (controlled), so click and wait for the state.
    await b.getByTestId('sync-pause').click();
    await expect.poll(() => syncState(b), { timeout: 10_000 }).toBe('offline');
    await b.getByTestId('add-bus-track').click();
    await drawNotes(b, 2, 72);
    await expect.poll(() => noteLabel(b)).toMatch(/: 6$/);
    await a.getByTestId('add-audio-track').click();
    // Nothing crosses while B is offline.
    await new Promise((r) => setTimeout(r, 1000));
    expect((await trackHeaders(a)).length).toBe(2);
    expect((await trackHeaders(b)).length).toBe(2);
    await snap(b, 'collab-4-b-offline-edits');

    await b.getByTestId('sync-pause').click();
    await expect.poll(() => syncState(b), { timeout: 20_000 }).toBe('merged');
    await expect.poll(() => trackHeaders(a), { timeout: 15_000 }).toHaveLength(3);
    await expect.poll(() => trackHeaders(b), { timeout: 15_000 }).toHaveLength(3);
    expect(await trackHeaders(a)).toEqual(await trackHeaders(b));
    await a.getByTestId('lanes').locator('[data-testid^="clip-"]').first().click();
    await expect.poll(() => noteLabel(a), { timeout: 15_000 }).toMatch(/: 6$/);
    await snap(b, 'collab-5-b-merged');
    await snap(a, 'collab-5-a-converged');
  });

  it("restoring a version of the shared project is a new change that reaches B", async () => {
    const versions = async () => {
      await a.getByTestId('file-menu').click();
      await a.getByTestId('open-versions').click();
      await a.getByTestId('versions-dialog').waitFor();
    };
    await versions();
    await a.getByTestId('version-name').fill('Three tracks');
    await a.getByTestId('save-version').click();
    await a.getByTestId('version-Three tracks').waitFor({ timeout: 10_000 });
    await a.getByRole('button', { name: 'Close versions' }).click();
    await a.getByTestId('add-instrument-track').click();
    await expect.poll(() => trackHeaders(b), { timeout: 15_000 }).toHaveLength(4);

    await versions();
    await a.getByTestId('version-Three tracks').getByTestId('restore-version').click();
    await a.getByTestId('version-Three tracks').getByTestId('confirm-restore').click();
    await a.getByTestId('versions-notice').waitFor({ timeout: 10_000 });
    await a.getByRole('button', { name: 'Close versions' }).click();
    await expect.poll(() => trackHeaders(a), { timeout: 15_000 }).toHaveLength(3);
    await expect.poll(() => trackHeaders(b), { timeout: 15_000 }).toHaveLength(3);
    expect(await trackHeaders(b)).toEqual(await trackHeaders(a));
  });

  it('a version A saves for everyone is listed for B with who saved it, and B restores it for everyone', async () => {
    const versions = async (p: Page) => {
      await p.getByTestId('file-menu').click();
      await p.getByTestId('open-versions').click();
      await p.getByTestId('versions-dialog').waitFor();
    };
    const count = (await trackHeaders(a)).length;
    await versions(a);
    await a.getByTestId('version-name').fill('Shared mix');
    await a.getByTestId('save-shared-version').click();
    await a.getByTestId('server-version-Shared mix').waitFor({ timeout: 10_000 });
    await a.getByRole('button', { name: 'Close versions' }).click();
    await a.getByTestId('add-audio-track').click();
    await expect.poll(() => trackHeaders(b), { timeout: 15_000 }).toHaveLength(count + 1);

    await versions(b);
    const row = b.getByTestId('server-version-Shared mix');
    await row.waitFor({ timeout: 10_000 });
    expect(await row.getByTestId('server-version-by').textContent()).toContain(`Named by ${userA.username}`);
    await snap(b, 'collab-7-b-shared-versions');
    await row.getByTestId('restore-server-version').click();
    await b.getByTestId('confirm-server-restore').click();
    await b.getByTestId('versions-notice').waitFor({ timeout: 10_000 });
    await b.getByRole('button', { name: 'Close versions' }).click();
    // The server applied it to the live document: both replicas receive it.
    await expect.poll(() => trackHeaders(a), { timeout: 15_000 }).toHaveLength(count);
    await expect.poll(() => trackHeaders(b), { timeout: 15_000 }).toHaveLength(count);
    expect(await trackHeaders(b)).toEqual(await trackHeaders(a));
  });

  it('the project chat syncs both ways', async () => {
    await a.getByTestId('open-chat').click();
    await a.getByTestId('chat-input').fill('Love the bass line');
    await a.getByTestId('chat-send').click();
    await b.getByTestId('open-chat').click();
    await b.getByTestId('chat-message').filter({ hasText: 'Love the bass line' }).waitFor({ timeout: 15_000 });
    await b.getByTestId('chat-input').fill('Thanks!');
    await b.getByTestId('chat-send').click();
    await a.getByTestId('chat-message').filter({ hasText: 'Thanks!' }).waitFor({ timeout: 15_000 });
    await snap(a, 'collab-6-chat');
  });
});
