import { describe, expect, it, vi } from 'vitest';
import { createElectronTransport, type EncoreHostBridge } from './electronTransport';

describe('Electron host transport', () => {
  it('passes calls to the preload bridge and parses its Result', async () => {
    const bridge: EncoreHostBridge = { call: vi.fn(async () => ({ ok: true, value: 42 })), on: vi.fn(() => () => {}) };
    const link = createElectronTransport(bridge);
    await expect(link.call('app.info', undefined)).resolves.toEqual({ ok: true, value: 42 });
    expect(bridge.call).toHaveBeenCalledWith('app.info', undefined);
  });

  it('turns a rejected IPC call into HOST_UNAVAILABLE and a malformed reply into INTERNAL', async () => {
    const failing = createElectronTransport({ call: async () => Promise.reject(new Error('gone')), on: () => {} });
    await expect(failing.call('app.info', undefined)).resolves.toMatchObject({ ok: false, error: { code: 'HOST_UNAVAILABLE' } });
    const garbled = createElectronTransport({ call: async () => 'nope', on: () => {} });
    await expect(garbled.call('app.info', undefined)).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('keeps known error codes and releases every subscription on dispose', async () => {
    const off = vi.fn();
    const link = createElectronTransport({ call: async () => ({ ok: false, error: { code: 'OFFLINE', message: 'm' } }), on: () => off });
    await expect(link.call('account.session', undefined)).resolves.toEqual({ ok: false, error: { code: 'OFFLINE', message: 'm' } });
    link.on('session.changed', () => {});
    link.on('connectivity.changed', () => {});
    link.dispose();
    expect(off).toHaveBeenCalledTimes(2);
  });
});
