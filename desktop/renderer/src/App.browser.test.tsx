import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { HostLink } from './host/link';
import { createMemoryHost } from './host/testing/memoryHost';
import { accountUser } from './host/testing/fixtures';
import { cleanupApps, renderApp } from './app/testing/renderApp';
import { SECTIONS, SECTION_LABELS } from './model/sections';

const ada = accountUser({ username: 'ada', email: 'ada@example.com', role: 'artist', isVerified: true, profile: { ...accountUser().profile, displayName: 'Ada Lovelace' } });
const PASSWORD = 'correct horse battery';
const signedIn = { state: 'signed-in' as const, user: ada, accessToken: 'tok', offline: false };

afterEach(cleanupApps);

describe('the app shell', () => {
  it('navigates between all sections with the sidebar, keeping the section in the hash', async () => {
    await renderApp(createMemoryHost().link);
    for (const section of SECTIONS) {
      await userEvent.click(page.getByTestId(`nav-${section}`));
      await expect.element(page.getByTestId(`section-${section}`)).toBeVisible();
      expect(window.location.hash).toBe(`#/${section}`);
      await expect.element(page.getByTestId(`nav-${section}`)).toHaveAttribute('aria-current', 'page');
      await expect.element(page.getByTestId('page-title')).toHaveTextContent(SECTION_LABELS[section]);
    }
  });

  it('opens the section in the hash on load (a reload returns to it)', async () => {
    await renderApp(createMemoryHost().link, { hash: '#/karaoke' });
    await expect.element(page.getByTestId('section-karaoke')).toBeVisible();
  });

  it('moves between nav links with the arrow keys and follows one with Enter', async () => {
    await renderApp(createMemoryHost().link);
    page.getByTestId('nav-library').element().focus();
    await userEvent.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(page.getByTestId('nav-studio').element());
    await userEvent.keyboard('{Enter}');
    await expect.element(page.getByTestId('section-studio')).toBeVisible();
  });
});

describe('sign-up', () => {
  it('shows field errors from the shared schema without calling the host', async () => {
    const memory = createMemoryHost();
    await renderApp(memory.link);
    await userEvent.click(page.getByTestId('open-sign-up'));
    await userEvent.fill(page.getByTestId('signup-email'), 'not-an-email');
    await userEvent.fill(page.getByTestId('signup-username'), 'a');
    await userEvent.fill(page.getByTestId('signup-password'), 'short');
    await userEvent.click(page.getByTestId('signup-submit'));
    await expect.element(page.getByTestId('signup-email-error')).toHaveTextContent(/valid email/);
    await expect.element(page.getByTestId('signup-username-error')).toHaveTextContent(/at least 3/);
    await expect.element(page.getByTestId('signup-password-error')).toHaveTextContent(/at least 10/);
    await expect.element(page.getByTestId('signup-email')).toHaveAttribute('aria-invalid', 'true');
    expect(memory.callsTo('account.signUp')).toHaveLength(0);
  });

  it('creates the account and lands back in the section it was opened from', async () => {
    const memory = createMemoryHost();
    await renderApp(memory.link, { hash: '#/studio' });
    await userEvent.click(page.getByTestId('open-sign-up'));
    expect(window.location.hash).toBe('#/sign-up?from=studio');
    await userEvent.fill(page.getByTestId('signup-email'), 'Lin@Example.com');
    await userEvent.fill(page.getByTestId('signup-username'), 'lin');
    await userEvent.fill(page.getByTestId('signup-password'), 'a long enough one');
    await userEvent.fill(page.getByTestId('signup-display-name'), 'Lin');
    await userEvent.click(page.getByText('Release music'));
    await expect.element(page.getByTestId('signup-role-artist')).toBeChecked();
    await userEvent.click(page.getByTestId('signup-submit'));
    await expect.element(page.getByTestId('section-studio')).toBeVisible();
    expect(window.location.hash).toBe('#/studio');
    await expect.element(page.getByTestId('account-menu-name')).toHaveTextContent('Lin');
    expect(memory.callsTo('account.signUp')[0]?.params).toEqual({ email: 'lin@example.com', username: 'lin', password: 'a long enough one', displayName: 'Lin', role: 'artist' });
  });

  it('shows a taken email next to the email field', async () => {
    const memory = createMemoryHost({ accounts: [{ user: ada, password: PASSWORD }] });
    await renderApp(memory.link, { hash: '#/sign-up?from=library' });
    await userEvent.fill(page.getByTestId('signup-email'), 'ada@example.com');
    await userEvent.fill(page.getByTestId('signup-username'), 'ada2');
    await userEvent.fill(page.getByTestId('signup-password'), 'a long enough one');
    await userEvent.click(page.getByTestId('signup-submit'));
    await expect.element(page.getByTestId('signup-email-error')).toHaveTextContent(/already exists/);
  });

  it('disables submit while the host works', async () => {
    const memory = createMemoryHost({ latencyMs: 300 });
    await renderApp(memory.link, { hash: '#/sign-up?from=library' });
    await userEvent.fill(page.getByTestId('signup-email'), 'kim@example.com');
    await userEvent.fill(page.getByTestId('signup-username'), 'kim');
    await userEvent.fill(page.getByTestId('signup-password'), 'a long enough one');
    await userEvent.click(page.getByTestId('signup-submit'));
    await expect.element(page.getByTestId('signup-submit')).toBeDisabled();
    await expect.element(page.getByTestId('account-menu-button')).toBeVisible();
  });
});

describe('sign-in and sign-out', () => {
  it('signs in by username and shows the user in the account menu', async () => {
    await renderApp(createMemoryHost({ accounts: [{ user: ada, password: PASSWORD }] }).link, { hash: '#/live' });
    await userEvent.click(page.getByTestId('open-sign-in'));
    await userEvent.fill(page.getByTestId('signin-login'), 'ada');
    await userEvent.fill(page.getByTestId('signin-password'), PASSWORD);
    await userEvent.click(page.getByTestId('signin-submit'));
    await expect.element(page.getByTestId('section-live')).toBeVisible();
    await userEvent.click(page.getByTestId('account-menu-button'));
    await expect.element(page.getByTestId('account-menu')).toBeVisible();
    await expect.element(page.getByTestId('account-menu-username')).toHaveTextContent('@ada');
    await expect.element(page.getByTestId('account-menu')).toHaveTextContent('Ada Lovelace');
    await expect.element(page.getByTestId('account-menu')).toHaveTextContent('Artist');
  });

  it('shows INVALID_CREDENTIALS as a friendly message and stays signed out', async () => {
    await renderApp(createMemoryHost({ accounts: [{ user: ada, password: PASSWORD }] }).link, { hash: '#/sign-in?from=library' });
    await userEvent.fill(page.getByTestId('signin-login'), 'ada@example.com');
    await userEvent.fill(page.getByTestId('signin-password'), 'not the password');
    await userEvent.click(page.getByTestId('signin-submit'));
    await expect.element(page.getByTestId('auth-error')).toHaveTextContent(/don’t match/);
    await expect.element(page.getByTestId('auth-error')).toHaveAttribute('data-error-code', 'INVALID_CREDENTIALS');
    await expect.element(page.getByTestId('signin-submit')).toBeEnabled();
    await expect.element(page.getByTestId('account-menu-button')).not.toBeInTheDocument();
  });

  it('tells a locked account when to try again', async () => {
    const memory = createMemoryHost({ accounts: [{ user: ada, password: PASSWORD }] });
    memory.failNext('account.signIn', { code: 'ACCOUNT_LOCKED', message: 'locked', details: { retryAfter: 600 } });
    await renderApp(memory.link, { hash: '#/sign-in?from=library' });
    await userEvent.fill(page.getByTestId('signin-login'), 'ada');
    await userEvent.fill(page.getByTestId('signin-password'), PASSWORD);
    await userEvent.click(page.getByTestId('signin-submit'));
    await expect.element(page.getByTestId('auth-error')).toHaveTextContent('Try again in 10 minutes.');
  });

  it('signs out from the account menu back to signed-out', async () => {
    const memory = createMemoryHost({ session: signedIn });
    await renderApp(memory.link, { hash: '#/social' });
    await userEvent.click(page.getByTestId('account-menu-button'));
    await userEvent.click(page.getByTestId('sign-out-button'));
    await expect.element(page.getByTestId('open-sign-in')).toBeVisible();
    await expect.element(page.getByTestId('account-menu-button')).not.toBeInTheDocument();
    await expect.element(page.getByTestId('section-social')).toBeVisible();
    expect(memory.session).toEqual({ state: 'signed-out' });
  });

  it('closes the account menu with Escape and returns focus to its button', async () => {
    await renderApp(createMemoryHost({ session: signedIn }).link);
    await userEvent.click(page.getByTestId('account-menu-button'));
    await expect.element(page.getByTestId('account-menu')).toBeVisible();
    await userEvent.keyboard('{Escape}');
    await expect.element(page.getByTestId('account-menu')).not.toBeInTheDocument();
    expect(document.activeElement).toBe(page.getByTestId('account-menu-button').element());
  });
});

describe('offline', () => {
  it('shows the offline indicator for an offline session and keeps every section usable', async () => {
    const memory = createMemoryHost({ session: { ...signedIn, accessToken: null, offline: true }, syncServer: 'offline' });
    await renderApp(memory.link);
    await expect.element(page.getByTestId('offline-indicator')).toHaveTextContent('Offline — your library and projects keep working');
    for (const section of SECTIONS) {
      await userEvent.click(page.getByTestId(`nav-${section}`));
      await expect.element(page.getByTestId(`section-${section}`)).toBeVisible();
    }
    await expect.element(page.getByTestId('settings-account-name')).toHaveTextContent('Ada Lovelace');
  });

  it('follows the browser going offline and back online', async () => {
    const app = await renderApp(createMemoryHost().link);
    await expect.element(page.getByTestId('offline-indicator')).not.toBeInTheDocument();
    app.network.set(false);
    await expect.element(page.getByTestId('offline-indicator')).toHaveAttribute('data-reason', 'network');
    app.network.set(true);
    await expect.element(page.getByTestId('offline-indicator')).not.toBeInTheDocument();
  });

  it('shows a friendly message when signing in while offline', async () => {
    await renderApp(createMemoryHost({ accounts: [{ user: ada, password: PASSWORD }], syncServer: 'offline' }).link, { hash: '#/sign-in?from=library' });
    await userEvent.fill(page.getByTestId('signin-login'), 'ada');
    await userEvent.fill(page.getByTestId('signin-password'), PASSWORD);
    await userEvent.click(page.getByTestId('signin-submit'));
    await expect.element(page.getByTestId('auth-error')).toHaveAttribute('data-error-code', 'OFFLINE');
  });

  it('renders every section signed-out when the host does not answer at all', async () => {
    const silent: HostLink = {
      ...createMemoryHost().link,
      call: async () => ({ ok: false, error: { code: 'HOST_UNAVAILABLE', message: 'down' } }),
    };
    await renderApp(silent);
    for (const section of SECTIONS) {
      await userEvent.click(page.getByTestId(`nav-${section}`));
      await expect.element(page.getByTestId(`section-${section}`)).toBeVisible();
    }
    await expect.element(page.getByTestId('settings-app-version')).toHaveTextContent(/Unavailable/);
    await expect.element(page.getByTestId('open-sign-in')).toBeVisible();
  });
});

describe('settings', () => {
  it('shows the account, version and data folder', async () => {
    await renderApp(createMemoryHost({ session: signedIn }).link, { hash: '#/settings' });
    await expect.element(page.getByTestId('settings-account-email')).toHaveTextContent('ada@example.com');
    await expect.element(page.getByTestId('settings-account-role')).toHaveTextContent('Artist');
    await expect.element(page.getByTestId('settings-email-verified')).toBeVisible();
    await expect.element(page.getByTestId('settings-app-version')).toHaveTextContent('Encore 0.1.0');
    await expect.element(page.getByTestId('settings-data-dir')).toHaveTextContent('/home/mira/.local/share/encore');
  });

  it('validates the sync-server address before saving it through the host', async () => {
    const memory = createMemoryHost();
    await renderApp(memory.link, { hash: '#/settings' });
    const field = page.getByTestId('settings-sync-server-url');
    await expect.element(field).toHaveValue('http://127.0.0.1:8787');
    await userEvent.fill(field, 'sync.example.com');
    await userEvent.click(page.getByTestId('settings-sync-server-save'));
    await expect.element(page.getByTestId('settings-sync-server-url-error')).toHaveTextContent(/full address/);
    expect(memory.callsTo('settings.update')).toHaveLength(0);
    await userEvent.fill(field, 'https://sync.example.com');
    await userEvent.click(page.getByTestId('settings-sync-server-save'));
    await expect.element(page.getByTestId('settings-sync-server-saved')).toBeVisible();
    expect(memory.callsTo('settings.update')[0]?.params).toEqual({ syncServerUrl: 'https://sync.example.com' });
  });

  it('signs out from the account panel', async () => {
    await renderApp(createMemoryHost({ session: signedIn }).link, { hash: '#/settings' });
    await userEvent.click(page.getByTestId('settings-sign-out'));
    await expect.element(page.getByTestId('open-sign-in')).toBeVisible();
    await expect.element(page.getByTestId('settings-account')).toHaveTextContent(/without an account/);
  });
});
