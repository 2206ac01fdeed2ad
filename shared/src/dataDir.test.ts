import { describe, expect, it } from 'vitest';
import { defaultDataDir } from './dataDir';

describe('defaultDataDir', () => {
  it('prefers ENCORE_DATA_DIR', () => {
    expect(defaultDataDir({ env: { ENCORE_DATA_DIR: '/tmp/x' }, platform: 'linux', home: '/home/a' })).toBe('/tmp/x');
  });
  it('follows each platform convention', () => {
    expect(defaultDataDir({ env: {}, platform: 'linux', home: '/home/a' })).toBe('/home/a/.local/share/encore');
    expect(defaultDataDir({ env: { XDG_DATA_HOME: '/x' }, platform: 'linux', home: '/home/a' })).toBe('/x/encore');
    expect(defaultDataDir({ env: {}, platform: 'darwin', home: '/Users/a' })).toBe('/Users/a/Library/Application Support/Encore');
    expect(defaultDataDir({ env: { APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, platform: 'win32', home: 'C:\\Users\\a' })).toBe(
      'C:\\Users\\a\\AppData\\Roaming\\Encore',
    );
  });
});
