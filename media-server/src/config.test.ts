import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

const linux = { platform: 'linux', home: '/home/a' };

describe('loadConfig', () => {
  it('defaults to loopback:8788 under the Encore data folder', () => {
    expect(loadConfig({}, linux)).toEqual({ port: 8788, host: '127.0.0.1', dataDir: '/home/a/.local/share/encore/media', logLevel: 'info' });
  });
  it('reads MEDIA_PORT, MEDIA_HOST, ENCORE_DATA_DIR and LOG_LEVEL', () => {
    const env = { MEDIA_PORT: '9000', MEDIA_HOST: '0.0.0.0', ENCORE_DATA_DIR: '/srv/encore', LOG_LEVEL: 'debug' };
    expect(loadConfig(env, linux)).toEqual({ port: 9000, host: '0.0.0.0', dataDir: '/srv/encore/media', logLevel: 'debug' });
  });
  it('treats empty variables as unset', () => {
    expect(loadConfig({ MEDIA_PORT: '', LOG_LEVEL: '' }, linux).port).toBe(8788);
  });
  it('uses the platform separator on Windows', () => {
    expect(loadConfig({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, { platform: 'win32', home: 'C:\\Users\\a' }).dataDir).toBe(
      'C:\\Users\\a\\AppData\\Roaming\\Encore\\media',
    );
  });
  it('refuses bad values, naming the variable', () => {
    expect(() => loadConfig({ MEDIA_PORT: '70000' }, linux)).toThrow(/MEDIA_PORT/);
    expect(() => loadConfig({ MEDIA_PORT: 'eighty' }, linux)).toThrow(/MEDIA_PORT/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' }, linux)).toThrow(/LOG_LEVEL/);
  });
});
