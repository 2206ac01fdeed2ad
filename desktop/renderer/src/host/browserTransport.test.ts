import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBrowserTransport, hostSocketUrl } from './browserTransport';
import { FakeSocket } from './testing/fakeSocket';

function setup(timeoutMs = 1000) {
  const sockets: FakeSocket[] = [];
  const log = vi.fn();
  const link = createBrowserTransport({
    url: 'ws://127.0.0.1:8790/host',
    timeoutMs,
    backoff: { baseMs: 100, maxMs: 1000, random: () => 0.5 },
    createSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    log,
  });
  const current = () => sockets[sockets.length - 1]!;
  return { link, sockets, current, log };
}

describe('browser-mode host transport', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('derives the socket URL from the page origin', () => {
    expect(hostSocketUrl({ protocol: 'http:', host: '127.0.0.1:8790' })).toBe('ws://127.0.0.1:8790/host');
    expect(hostSocketUrl({ protocol: 'https:', host: 'encore.local' })).toBe('wss://encore.local/host');
  });

  it('sends versioned numbered frames and resolves each call with its own reply', async () => {
    const { link, current } = setup();
    current().open();
    const a = link.call('app.info', undefined);
    const b = link.call('account.signIn', { login: 'ada', password: 'x' });
    expect(current().sent).toEqual([
      { v: 1, id: 1, method: 'app.info' },
      { v: 1, id: 2, method: 'account.signIn', params: { login: 'ada', password: 'x' } },
    ]);
    current().receive({ v: 1, id: 2, ok: false, error: { code: 'INVALID_CREDENTIALS', message: 'no' } });
    current().receive({ v: 1, id: 1, ok: true, value: { name: 'Encore' } });
    await expect(a).resolves.toEqual({ ok: true, value: { name: 'Encore' } });
    await expect(b).resolves.toEqual({ ok: false, error: { code: 'INVALID_CREDENTIALS', message: 'no' } });
  });

  it('maps an error code it does not know to INTERNAL and keeps details', async () => {
    const { link, current } = setup();
    current().open();
    const call = link.call('account.session', undefined);
    current().receive({ v: 1, id: 1, ok: false, error: { code: 'SOMETHING_NEW', message: 'm', details: { a: 1 } } });
    await expect(call).resolves.toEqual({ ok: false, error: { code: 'INTERNAL', message: 'm', details: { a: 1 } } });
  });

  it('dispatches event frames to subscribers until they unsubscribe', () => {
    const { link, current } = setup();
    current().open();
    const seen: unknown[] = [];
    const off = link.on('session.changed', (p) => seen.push(p));
    current().receive({ v: 1, event: 'session.changed', payload: { state: 'signed-out' } });
    off();
    current().receive({ v: 1, event: 'session.changed', payload: { state: 'signed-out' } });
    expect(seen).toEqual([{ state: 'signed-out' }]);
  });

  it('drops frames that are not JSON, of another protocol version or of unknown shape', async () => {
    const { link, current, log } = setup();
    current().open();
    const call = link.call('app.info', undefined);
    current().receive('not json{');
    current().receive({ v: 2, id: 1, ok: true, value: 1 });
    current().receive({ v: 1, id: 1, ok: 'yes' });
    expect(log).toHaveBeenCalledTimes(3);
    current().receive({ v: 1, id: 1, ok: true, value: 'fine' });
    await expect(call).resolves.toEqual({ ok: true, value: 'fine' });
  });

  it('fails a call that gets no reply in time, and ignores the late reply', async () => {
    const { link, current } = setup(500);
    current().open();
    const call = link.call('app.info', undefined);
    vi.advanceTimersByTime(500);
    await expect(call).resolves.toMatchObject({ ok: false, error: { code: 'HOST_UNAVAILABLE' } });
    expect(() => current().receive({ v: 1, id: 1, ok: true, value: 1 })).not.toThrow();
  });

  it('holds calls made while connecting and sends them once the socket opens', async () => {
    const { link, current } = setup();
    const call = link.call('app.info', undefined);
    expect(current().sent).toEqual([]);
    current().open();
    expect(current().sent).toEqual([{ v: 1, id: 1, method: 'app.info' }]);
    current().receive({ v: 1, id: 1, ok: true, value: 'x' });
    await expect(call).resolves.toEqual({ ok: true, value: 'x' });
  });

  it('fails a held call when the host never comes up within the timeout', async () => {
    const { link } = setup(300);
    const call = link.call('app.info', undefined);
    vi.advanceTimersByTime(300);
    await expect(call).resolves.toMatchObject({ ok: false, error: { code: 'HOST_UNAVAILABLE' } });
  });

  it('fails held calls when the attempt fails, and calls made while the host is away at once', async () => {
    const { link, current } = setup(10_000);
    const held = link.call('app.info', undefined);
    current().drop();
    await expect(held).resolves.toMatchObject({ ok: false, error: { code: 'HOST_UNAVAILABLE' } });
    await expect(link.call('app.info', undefined)).resolves.toMatchObject({ ok: false, error: { code: 'HOST_UNAVAILABLE' } });
  });

  it('fails pending calls on a dropped link and reconnects with growing jittered delays', async () => {
    const { link, sockets, current } = setup();
    const statuses: string[] = [];
    link.onStatus((s) => statuses.push(s));
    current().open();
    const call = link.call('app.info', undefined);
    current().drop();
    await expect(call).resolves.toMatchObject({ ok: false, error: { code: 'HOST_UNAVAILABLE' } });
    expect(link.status()).toBe('closed');

    // attempt 0: 0.5 * 100 ms
    vi.advanceTimersByTime(49);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    current().drop();
    // attempt 1: 0.5 * 200 ms
    vi.advanceTimersByTime(99);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);
    current().open();
    expect(statuses).toEqual(['open', 'closed', 'connecting', 'closed', 'connecting', 'open']);

    // After a successful open the backoff starts again from the first step.
    current().drop();
    vi.advanceTimersByTime(50);
    expect(sockets).toHaveLength(4);
  });

  it('dispose closes the socket, fails pending calls, stops reconnecting and releases listeners', async () => {
    const { link, sockets, current } = setup();
    current().open();
    const listener = vi.fn();
    link.on('session.changed', listener);
    const call = link.call('app.info', undefined);
    const socket = current();
    link.dispose();
    await expect(call).resolves.toMatchObject({ ok: false, error: { code: 'HOST_UNAVAILABLE' } });
    expect(socket.closedWith).toEqual({ code: 1000, reason: 'renderer disposed' });
    socket.receive({ v: 1, event: 'session.changed', payload: {} });
    expect(listener).not.toHaveBeenCalled();
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
    await expect(link.call('app.info', undefined)).resolves.toMatchObject({ ok: false });
  });
});
