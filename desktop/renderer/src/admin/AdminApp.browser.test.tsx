import { afterEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { createRoot, type Root } from 'react-dom/client';
import { AdminApp } from './AdminApp';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const users = [
  { id: 'u1', username: 'ann', email: 'ann@example.com', role: 'artist', createdAt: '2026-01-05T10:00:00Z', isVerified: true, profile: { displayName: 'Ann' } },
  { id: 'u2', username: 'bo', email: 'bo@example.com', role: 'moderator', createdAt: '2026-02-05T10:00:00Z' },
];

let root: Root | null = null;
let container: HTMLElement | null = null;
afterEach(() => {
  root?.unmount();
  container?.remove();
});

function mount(fetchImpl: typeof fetch) {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  root.render(<AdminApp server="http://sync.test" fetchImpl={fetchImpl} />);
}

async function signIn() {
  await userEvent.fill(page.getByTestId('admin-login'), 'root');
  await userEvent.fill(page.getByTestId('admin-password'), 'secret password');
  await userEvent.click(page.getByTestId('admin-submit'));
}

describe('admin web view', () => {
  it('signs staff in and lists users with role badges; search sends q', async () => {
    const fetchImpl = vi.fn(async (url: string | URL | Request) => {
      const u = String(url);
      if (u.endsWith('/api/auth/login')) return json(200, { accessToken: 'tok', user: { username: 'root', role: 'admin' } });
      const q = new URL(u).searchParams.get('q');
      return json(200, { users: q ? users.filter((x) => x.username.includes(q)) : users, total: q ? 1 : 2, page: 1, pageSize: 25 });
    }) as unknown as typeof fetch;
    mount(fetchImpl);
    await signIn();
    await expect.element(page.getByTestId('admin-users-table')).toBeVisible();
    expect(page.getByTestId('admin-user-row').elements()).toHaveLength(2);
    await expect.element(page.getByTestId('admin-users-table')).toHaveTextContent('Moderator');
    await userEvent.fill(page.getByTestId('admin-search'), 'bo');
    await userEvent.click(page.getByTestId('admin-search-submit'));
    await expect.element(page.getByTestId('admin-users-total')).toHaveTextContent('1 account matching “bo”');
    expect(page.getByTestId('admin-user-row').elements()).toHaveLength(1);
  });

  it('refuses an account without staff access', async () => {
    mount((async () => json(200, { accessToken: 'tok', user: { username: 'ann', role: 'listener' } })) as unknown as typeof fetch);
    await signIn();
    await expect.element(page.getByTestId('auth-error')).toHaveTextContent(/no staff access/);
  });

  it('explains an unreachable server', async () => {
    mount((async () => Promise.reject(new TypeError('Failed to fetch'))) as unknown as typeof fetch);
    await signIn();
    await expect.element(page.getByTestId('auth-error')).toHaveTextContent('Can’t reach the sync server at http://sync.test');
  });
});
