import { describe, expect, it } from 'vitest';
import { createHostClient } from '@encore/shared/host/client';
import { createMemoryHost } from '../host/testing/memoryHost';
import { createConnectivityModel, selectOfflineReason } from './connectivityStore';
import { fakeNetwork } from './testing/ports';

describe('connectivity store', () => {
  it('reads the sync-server state and follows connectivity.changed', async () => {
    const memory = createMemoryHost();
    const conn = createConnectivityModel(createHostClient(memory.link), fakeNetwork());
    expect(selectOfflineReason(conn.store.getState())).toBeNull();
    await conn.check();
    expect(conn.store.getState().syncServer).toBe('online');
    memory.setSyncServer('offline');
    expect(selectOfflineReason(conn.store.getState())).toBe('sync-server');
  });

  it('reports the browser going offline, and checks again when it is back', async () => {
    const memory = createMemoryHost({ syncServer: 'online' });
    const network = fakeNetwork(true);
    const conn = createConnectivityModel(createHostClient(memory.link), network);
    network.set(false);
    expect(selectOfflineReason(conn.store.getState())).toBe('network');
    network.set(true);
    await Promise.resolve();
    expect(memory.callsTo('connectivity.check')).toHaveLength(1);
  });

  it('puts a lost host link first, and counts an offline session as offline', () => {
    const memory = createMemoryHost();
    const conn = createConnectivityModel(createHostClient(memory.link), fakeNetwork(false));
    conn.setHostLink('closed');
    expect(selectOfflineReason(conn.store.getState())).toBe('host');
    conn.setHostLink('open');
    expect(selectOfflineReason({ ...conn.store.getState(), browserOnline: true }, true)).toBe('sync-server');
  });

  it('releases its listeners on dispose', () => {
    const memory = createMemoryHost();
    const network = fakeNetwork(true);
    const conn = createConnectivityModel(createHostClient(memory.link), network);
    conn.dispose();
    network.set(false);
    expect(conn.store.getState().browserOnline).toBe(true);
    expect(memory.listenerCount()).toBe(0);
  });
});
