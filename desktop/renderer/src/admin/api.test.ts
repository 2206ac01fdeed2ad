import { describe, expect, it, vi } from 'vitest';
import { listUsers, staffLogin } from './api';
import { serverFromSearch } from './serverUrl';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('admin API client', () => {
  it('takes the server from ?server= when it is an http(s) URL', () => {
    expect(serverFromSearch('')).toBe('http://127.0.0.1:8787');
    expect(serverFromSearch('?server=https://sync.example.com/')).toBe('https://sync.example.com');
    expect(serverFromSearch('?server=javascript:alert(1)')).toBe('http://127.0.0.1:8787');
    expect(serverFromSearch('?server=nonsense')).toBe('http://127.0.0.1:8787');
  });

  it('logs staff in and refuses other roles', async () => {
    const fetchImpl = vi.fn(async () => json(200, { accessToken: 'tok', refreshToken: 'r', user: { username: 'root', role: 'admin' } }));
    await expect(staffLogin('http://s', { login: 'root', password: 'pw' }, fetchImpl)).resolves.toMatchObject({ accessToken: 'tok' });
    expect(fetchImpl).toHaveBeenCalledWith('http://s/api/auth/login', expect.objectContaining({ method: 'POST', body: JSON.stringify({ login: 'root', password: 'pw' }) }));
    const listener = async () => json(200, { accessToken: 'tok', user: { username: 'ann', role: 'listener' } });
    await expect(staffLogin('http://s', { login: 'ann', password: 'pw' }, listener)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('turns the error envelope and network failures into coded errors', async () => {
    const refused = async () =>
      json(401, { error: { code: 'INVALID_CREDENTIALS', message: 'bad', timestamp: '2026-01-01T00:00:00Z', requestId: 'r1' } });
    await expect(staffLogin('http://s', { login: 'a', password: 'b' }, refused)).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    const down = async () => Promise.reject(new TypeError('Failed to fetch'));
    await expect(staffLogin('http://s', { login: 'a', password: 'b' }, down)).rejects.toMatchObject({ code: 'OFFLINE' });
  });

  it('lists users with the bearer token and skips rows it cannot show', async () => {
    const fetchImpl = vi.fn(async () =>
      json(200, {
        users: [
          { id: 'u1', username: 'ann', email: 'ann@example.com', role: 'artist', createdAt: '2026-01-01T00:00:00Z', extra: true },
          { id: 7, username: 'bo', role: 'superhero' },
          { email: 'no-id@example.com' },
        ],
        total: 3,
        page: 2,
        pageSize: 2,
      }),
    );
    const page = await listUsers('http://s', 'tok', { q: 'a b', page: 2 }, fetchImpl);
    expect(fetchImpl).toHaveBeenCalledWith('http://s/api/admin/users?q=a+b&page=2', expect.objectContaining({ headers: expect.objectContaining({ authorization: 'Bearer tok' }) }));
    expect(page.users.map((u) => [u.id, u.role])).toEqual([
      ['u1', 'artist'],
      ['7', 'superhero'],
    ]);
    expect(page).toMatchObject({ skipped: 1, total: 3, page: 2, pageSize: 2 });
  });
});
