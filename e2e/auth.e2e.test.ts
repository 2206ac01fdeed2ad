/**
 * The foundation's end-to-end path, on the real stack (`npm start`'s startStack: sync-server on
 * PGlite, media-server, desktop host in browser mode) driven in Debian's Chromium:
 * sign up, sign out, sign in, reload and stay signed in, sign out; a screenshot of each screen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { snap, startE2eStack, type Stack } from './stack';

const SECTIONS = ['library', 'studio', 'live', 'karaoke', 'store', 'social', 'settings'] as const;
const user = { email: `e2e-${Date.now()}@example.com`, username: `e2e_${Date.now() % 1e8}`, password: 'correct horse battery staple', name: 'Ada E2E' };

let stack: Stack;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  stack = await startE2eStack();
  context = await stack.browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await stack?.close();
});

async function accountName(p: Page) {
  return p.getByTestId('account-menu-name').textContent({ timeout: 15_000 });
}

describe('foundation e2e: account lifecycle in browser mode', () => {
  it('opens the app through the per-launch token and renders every section signed out', async () => {
    await page.goto(stack.appUrl);
    await expect.poll(() => page.url()).not.toContain('token=');
    await page.getByTestId('open-sign-in').waitFor();
    for (const s of SECTIONS) {
      await page.getByTestId(`nav-${s}`).click();
      await page.getByTestId(`section-${s}`).waitFor();
      expect(await page.getByTestId(`nav-${s}`).getAttribute('aria-current')).toBe('page');
      await snap(page, `e2e-${s}-signed-out`);
    }
  });

  it('refuses the host API to a page that has not been given the token', async () => {
    const stranger = await stack.browser.newContext();
    const p = await stranger.newPage();
    const res = await p.goto(stack.appUrl.replace(/\?token=.*/, '?token=wrong'));
    expect(res?.status()).toBeGreaterThanOrEqual(400);
    await stranger.close();
  });

  it('signs up against the sync-server and lands signed in', async () => {
    await page.getByTestId('nav-library').click();
    await page.getByTestId('open-sign-up').click();
    await page.getByTestId('signup-email').fill(user.email);
    await page.getByTestId('signup-username').fill(user.username);
    await page.getByTestId('signup-password').fill(user.password);
    await page.getByTestId('signup-display-name').fill(user.name);
    await snap(page, 'e2e-sign-up-form');
    await page.getByTestId('signup-submit').click();
    expect(await accountName(page)).toContain(user.name);
    await snap(page, 'e2e-signed-up');
  });

  it('signs out, then signs in with the username', async () => {
    await page.getByTestId('account-menu-button').click();
    await page.getByTestId('account-menu').waitFor();
    await snap(page, 'e2e-account-menu');
    await page.getByTestId('sign-out-button').click();
    await page.getByTestId('open-sign-in').waitFor();

    await page.getByTestId('open-sign-in').click();
    await page.getByTestId('signin-login').fill(user.username);
    await page.getByTestId('signin-password').fill('not the password');
    await page.getByTestId('signin-submit').click();
    const error = page.getByTestId('auth-error');
    await error.waitFor();
    expect(await error.getAttribute('data-error-code')).toBe('INVALID_CREDENTIALS');
    await snap(page, 'e2e-sign-in-wrong-password');

    await page.getByTestId('signin-password').fill(user.password);
    await page.getByTestId('signin-submit').click();
    expect(await accountName(page)).toContain(user.name);
  });

  it('stays signed in across a reload (the host keeps the session in SQLite)', async () => {
    await page.getByTestId('nav-settings').click();
    await page.reload();
    await page.getByTestId('section-settings').waitFor();
    expect(await accountName(page)).toContain(user.name);
    await page.getByTestId('settings-account').waitFor();
    expect(await page.getByTestId('settings-account').textContent()).toContain(user.username);
    await snap(page, 'e2e-settings-signed-in');
  });

  it('signs out for good: a reload stays signed out', async () => {
    await page.getByTestId('settings-sign-out').click();
    await page.getByTestId('open-sign-in').waitFor();
    await page.reload();
    await page.getByTestId('open-sign-in').waitFor();
    expect(await page.getByTestId('account-menu-button').count()).toBe(0);
    await snap(page, 'e2e-signed-out');
  });
});
