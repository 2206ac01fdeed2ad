import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('loadConfig', () => {
  it('uses the defaults of the architecture', () => {
    const c = loadConfig({}, 'linux', '/home/ada');
    expect(c.dataDir).toBe('/home/ada/.local/share/encore');
    expect(c.dbPath).toBe('/home/ada/.local/share/encore/desktop/encore.db');
    expect(c.port).toBe(8790);
    expect(c.host).toBe('127.0.0.1');
    expect(c.syncServerUrl).toBe('http://127.0.0.1:8787');
    expect(c.mediaServerUrl).toBe('http://127.0.0.1:8788');
    expect(c.rendererDist.endsWith(path.join('desktop', 'renderer', 'dist'))).toBe(true);
    expect(c.hostToken).toBeUndefined();
  });

  it('reads overrides and treats empty variables as unset', () => {
    const c = loadConfig({ ENCORE_DATA_DIR: '/tmp/enc', ENCORE_HOST_PORT: '0', ENCORE_SYNC_URL: 'http://sync.test:9000/', ENCORE_MEDIA_URL: '' }, 'linux', '/h');
    expect(c.desktopDir).toBe('/tmp/enc/desktop');
    expect(c.port).toBe(0);
    expect(c.syncServerUrl).toBe('http://sync.test:9000');
    expect(c.mediaServerUrl).toBe('http://127.0.0.1:8788');
  });

  it('names the bad variable', () => {
    expect(() => loadConfig({ ENCORE_HOST_PORT: '99999' })).toThrow(/ENCORE_HOST_PORT/);
    expect(() => loadConfig({ ENCORE_SYNC_URL: 'ftp://x' })).toThrow(/ENCORE_SYNC_URL/);
    expect(() => loadConfig({ ENCORE_HOST_TOKEN: 'short' })).toThrow(/ENCORE_HOST_TOKEN/);
  });
});
