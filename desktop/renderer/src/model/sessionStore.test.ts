import { describe, expect, it, vi } from 'vitest';
import { createHostClient } from '@encore/shared/host/client';
import { EncoreError } from '@encore/shared/errors';
import { createMemoryHost } from '../host/testing/memoryHost';
import { accountUser } from '../host/testing/fixtures';
import { createSessionModel, selectIsSignedIn, selectSessionOffline, selectUser } from './sessionStore';

const ada = accountUser({ username: 'ada', email: 'ada@example.com' });
const setup = (opts: Parameters<typeof createMemoryHost>[0] = {}) => {
  const memory = createMemoryHost({ accounts: [{ user: ada, password: 'correct horse battery' }], ...opts });
  const session = createSessionModel(createHostClient(memory.link));
  return { memory, session };
};

describe('session store', () => {
  it('is loading until the host answers, then holds its session', async () => {
    const { session } = setup({ session: { state: 'signed-in', user: ada, accessToken: 't', offline: false } });
    expect(session.store.getState().status).toBe('loading');
    await session.load();
    expect(session.store.getState().status).toBe('ready');
    expect(selectUser(session.store.getState())?.username).toBe('ada');
  });

  it('signs in, and leaves the session untouched when the server refuses', async () => {
    const { session } = setup();
    await session.load();
    await expect(session.signIn({ login: 'ada', password: 'wrong password' })).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(selectIsSignedIn(session.store.getState())).toBe(false);
    await session.signIn({ login: 'ADA', password: 'correct horse battery' });
    expect(selectUser(session.store.getState())?.email).toBe('ada@example.com');
  });

  it('signs up and signs out', async () => {
    const { session } = setup();
    await session.signUp({ email: 'lin@example.com', username: 'lin', password: 'a long enough one' });
    expect(selectUser(session.store.getState())?.username).toBe('lin');
    await session.signOut();
    expect(session.store.getState().session).toEqual({ state: 'signed-out' });
  });

  it('follows session.changed events, ignores malformed ones, and stops after dispose', async () => {
    const { memory, session } = setup({ session: { state: 'signed-in', user: ada, accessToken: 't', offline: false } });
    await session.load();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    memory.setSyncServer('offline');
    expect(selectSessionOffline(session.store.getState())).toBe(true);
    memory.link.on('session.changed', () => {});
    expect(memory.listenerCount()).toBe(2);
    session.dispose();
    expect(memory.listenerCount()).toBe(1);
    warn.mockRestore();
  });

  it('runs signed-out with a load error when the host is unreachable', async () => {
    const { memory, session } = setup();
    memory.failNext('account.session', { code: 'HOST_UNAVAILABLE', message: 'down' });
    await session.load();
    const state = session.store.getState();
    expect(state.status).toBe('ready');
    expect(state.session.state).toBe('signed-out');
    expect(state.loadError).toBeInstanceOf(EncoreError);
    expect(state.loadError?.code).toBe('HOST_UNAVAILABLE');
  });
});
