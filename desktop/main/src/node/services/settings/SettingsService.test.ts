import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/database';
import { tempDir } from '../../db/testing';
import { silentLogger } from '../../logger';
import { SettingsService } from './SettingsService';

const defaults = { syncServerUrl: 'http://127.0.0.1:8787', mediaServerUrl: 'http://127.0.0.1:8788', theme: 'system' } as const;

describe('SettingsService', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  const path = `${tmp.dir}/encore.db`;

  it('starts from the defaults', () => {
    const db = openDatabase({ path: ':memory:' });
    expect(new SettingsService({ db, defaults, log: silentLogger() }).get()).toEqual(defaults);
    db.dispose();
  });

  it('persists overrides across a reopen, defaults stay defaults', () => {
    const db = openDatabase({ path });
    const s = new SettingsService({ db, defaults, log: silentLogger() });
    const seen: string[] = [];
    s.onDidChange((next) => seen.push(next.theme));
    expect(s.update({ theme: 'light' }).theme).toBe('light');
    expect(seen).toEqual(['light']);
    s.dispose();
    db.dispose();

    const db2 = openDatabase({ path });
    const changedDefaults = { ...defaults, mediaServerUrl: 'http://media.test' };
    const s2 = new SettingsService({ db: db2, defaults: changedDefaults, log: silentLogger() });
    expect(s2.get()).toEqual({ ...changedDefaults, theme: 'light' });
    db2.dispose();
  });

  it('rejects invalid values and keeps the old ones', () => {
    const db = openDatabase({ path: ':memory:' });
    const s = new SettingsService({ db, defaults, log: silentLogger() });
    expect(() => s.update({ syncServerUrl: 'not a url' })).toThrow();
    expect(s.get()).toEqual(defaults);
    db.dispose();
  });

  it('falls back to the default for a stored value that no longer validates', () => {
    const db = openDatabase({ path: ':memory:' });
    db.sqlite.prepare(`INSERT INTO settings (key, value, updated_at) VALUES ('theme', '"neon"', 'x'), ('gone', '1', 'x')`).run();
    expect(new SettingsService({ db, defaults, log: silentLogger() }).get()).toEqual(defaults);
    db.dispose();
  });
});
