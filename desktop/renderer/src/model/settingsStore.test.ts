import { describe, expect, it } from 'vitest';
import { createHostClient } from '@encore/shared/host/client';
import { createMemoryHost } from '../host/testing/memoryHost';
import { createSettingsModel, validateServerUrl } from './settingsStore';

describe('settings store', () => {
  it('validates sync-server addresses like the host does', () => {
    expect(validateServerUrl('')).toMatch(/Enter the address/);
    expect(validateServerUrl('sync.example.com')).toMatch(/full address/);
    expect(validateServerUrl('ftp://sync.example.com')).toMatch(/http/);
    expect(validateServerUrl(' https://sync.example.com ')).toBeNull();
  });

  it('loads app info and settings, and saves a new server address trimmed', async () => {
    const memory = createMemoryHost();
    const settings = createSettingsModel(createHostClient(memory.link));
    await settings.load();
    expect(settings.store.getState()).toMatchObject({ status: 'ready', appInfo: { version: '0.1.0' }, settings: { syncServerUrl: 'http://127.0.0.1:8787' } });
    await settings.setSyncServerUrl(' https://sync.example.com/ ');
    expect(memory.callsTo('settings.update')).toEqual([{ method: 'settings.update', params: { syncServerUrl: 'https://sync.example.com' } }]);
    expect(settings.store.getState().settings?.syncServerUrl).toBe('https://sync.example.com');
  });

  it('refuses an invalid address without calling the host', async () => {
    const memory = createMemoryHost();
    const settings = createSettingsModel(createHostClient(memory.link));
    await expect(settings.setSyncServerUrl('not a url')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(memory.callsTo('settings.update')).toHaveLength(0);
  });

  it('is unavailable, not broken, when the host does not answer', async () => {
    const memory = createMemoryHost();
    memory.failNext('app.info', { code: 'HOST_UNAVAILABLE', message: 'down' });
    memory.failNext('settings.get', { code: 'HOST_UNAVAILABLE', message: 'down' });
    const settings = createSettingsModel(createHostClient(memory.link));
    await settings.load();
    expect(settings.store.getState()).toEqual({ status: 'unavailable', appInfo: null, settings: null });
  });
});
