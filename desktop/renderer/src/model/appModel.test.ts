import { describe, expect, it } from 'vitest';
import { createHostClient } from '@encore/shared/host/client';
import type { HostLink, HostLinkStatus } from '../host/link';
import { createMemoryHost } from '../host/testing/memoryHost';
import { createAppModel } from './appModel';
import { fakeNetwork, memoryHash } from './testing/ports';

/** The in-memory host behind a link whose status the test drives, like a dropping WebSocket. */
function flakyLink() {
  const memory = createMemoryHost();
  const listeners = new Set<(s: HostLinkStatus) => void>();
  let status: HostLinkStatus = 'open';
  let disposed = false;
  const link: HostLink = {
    ...memory.link,
    status: () => status,
    onStatus(l) {
      listeners.add(l);
      return () => {
        listeners.delete(l);
      };
    },
    dispose: () => {
      disposed = true;
      memory.link.dispose();
    },
  };
  const set = (s: HostLinkStatus) => {
    status = s;
    for (const l of [...listeners]) l(s);
  };
  return { memory, link, set, isDisposed: () => disposed, statusListeners: () => listeners.size };
}

describe('app model', () => {
  it('reads session, connectivity and settings on start', async () => {
    const { memory, link } = flakyLink();
    const model = createAppModel({ host: createHostClient(link), link, hash: memoryHash('#/studio'), network: fakeNetwork() });
    await model.start();
    expect(memory.calls.map((c) => c.method).sort()).toEqual(['account.session', 'app.info', 'connectivity.check', 'settings.get']);
    expect(model.session.store.getState().status).toBe('ready');
  });

  it('shows a lost host link and reads everything again when it comes back', async () => {
    const { memory, link, set } = flakyLink();
    const model = createAppModel({ host: createHostClient(link), link, hash: memoryHash(), network: fakeNetwork() });
    await model.start();
    memory.calls.length = 0;
    set('closed');
    expect(model.connectivity.store.getState().hostLink).toBe('closed');
    set('connecting');
    set('open');
    await new Promise((r) => setTimeout(r, 0));
    expect(memory.callsTo('account.session')).toHaveLength(1);
    expect(model.connectivity.store.getState().hostLink).toBe('open');
  });

  it('dispose releases every listener and the link', async () => {
    const { memory, link, isDisposed, statusListeners } = flakyLink();
    const model = createAppModel({ host: createHostClient(link), link, hash: memoryHash(), network: fakeNetwork() });
    model.dispose();
    expect(memory.listenerCount()).toBe(0);
    expect(statusListeners()).toBe(0);
    expect(isDisposed()).toBe(true);
  });
});
