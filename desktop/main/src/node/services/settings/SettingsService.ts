import { Settings } from '@encore/shared/host/contract';
import type { Logger } from '../../logger';
import type { Disposable } from '../../../common/disposable';
import type { EncoreDatabase } from '../../db/database';
import { settings as settingsTable } from '../../db/schema';

export interface SettingsServiceOptions {
  db: EncoreDatabase;
  /** Values used for every key the user has not changed (from the host configuration). */
  defaults: Settings;
  log: Logger;
  now?: () => Date;
}

type Listener = (next: Settings, previous: Settings) => void;

/**
 * The user's settings: defaults plus the overrides persisted in SQLite, one row per key.
 * Overrides that no longer validate (an older or hand-edited database) fall back to the
 * default for that key instead of failing startup.
 *
 * @example
 * const settings = new SettingsService({ db, defaults, log });
 * settings.update({ theme: 'light' }); // persisted in one transaction
 */
export class SettingsService implements Disposable {
  private current: Settings;
  private readonly listeners = new Set<Listener>();

  constructor(private readonly o: SettingsServiceOptions) {
    this.current = this.load();
  }

  get(): Settings {
    return this.current;
  }

  update(patch: Partial<Settings>): Settings {
    const previous = this.current;
    const changes = stripUndefined(patch);
    const next = Settings.parse({ ...previous, ...changes });
    const updatedAt = (this.o.now?.() ?? new Date()).toISOString();
    this.o.db.write((w) => {
      // Only keys the user set are stored, so later changes to a default still reach them.
      for (const key of Object.keys(changes) as (keyof Settings)[]) {
        const value = next[key];
        w.insert(settingsTable)
          .values({ key, value: JSON.stringify(value), updatedAt })
          .onConflictDoUpdate({ target: settingsTable.key, set: { value: JSON.stringify(value), updatedAt } })
          .run();
      }
    });
    this.current = next;
    for (const l of [...this.listeners]) l(next, previous);
    return next;
  }

  onDidChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    this.listeners.clear();
  }

  private load(): Settings {
    const rows = this.o.db.read((r) => r.select().from(settingsTable).all());
    const merged: Record<string, unknown> = { ...this.o.defaults };
    for (const row of rows) {
      if (!(row.key in Settings.shape)) continue;
      const key = row.key as keyof Settings;
      const value = Settings.shape[key].safeParse(parseJson(row.value));
      if (value.success) merged[key] = value.data;
      else this.o.log.warn({ key }, 'ignoring an invalid stored setting');
    }
    return Settings.parse(merged);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // The column has a json_valid CHECK; undefined only fails validation and falls back.
    return undefined;
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
