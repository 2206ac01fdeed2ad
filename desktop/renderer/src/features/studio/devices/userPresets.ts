import { z } from 'zod';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { DEVICE_KINDS, isValidParamValue, paramSpec, type DeviceKind } from '@encore/shared/project/schema/deviceKinds';

/**
 * The user's own device presets, kept on this machine (like the recording settings) so they
 * serve every project: device kind → preset name → param values. Saved in localStorage and
 * parsed on the way back in; values a newer param table refuses are dropped, not applied.
 */
const PresetName = z.string().trim().min(1).max(60);
const Params = z.record(z.string(), z.number());
export const UserPresets = z.partialRecord(z.enum(DEVICE_KINDS), z.record(z.string().min(1).max(60), Params));
export type UserPresets = z.infer<typeof UserPresets>;

const KEY = 'encore.studio.userPresets';

function load(storage: Storage | null): UserPresets {
  if (!storage) return {};
  try {
    const parsed = UserPresets.safeParse(JSON.parse(storage.getItem(KEY) ?? '{}'));
    return parsed.success ? parsed.data : {};
  } catch (e) {
    console.warn('studio: user presets unreadable, starting with none', e);
    return {};
  }
}

export type UserPresetStore = StoreApi<UserPresets>;

/**
 * The user presets store, written back to `storage` on every change.
 *
 * @example
 * const presets = createUserPresets(localStorage);
 * saveUserPreset(presets, 'reverb', 'My room', device.params);
 */
export function createUserPresets(storage: Storage | null = typeof localStorage === 'undefined' ? null : localStorage): UserPresetStore {
  const store = createStore<UserPresets>(() => load(storage));
  store.subscribe((s) => storage?.setItem(KEY, JSON.stringify(s)));
  return store;
}

/** Saves (or overwrites) a preset of a device kind from its current params. */
export function saveUserPreset(store: UserPresetStore, kind: DeviceKind, name: string, params: Readonly<Record<string, number>>): void {
  const parsed = PresetName.parse(name);
  store.setState((s) => ({ ...s, [kind]: { ...s[kind], [parsed]: { ...params } } }));
}

export function deleteUserPreset(store: UserPresetStore, kind: DeviceKind, name: string): void {
  store.setState((s) => {
    const { [name]: _removed, ...rest } = s[kind] ?? {};
    return { ...s, [kind]: rest };
  });
}

/** The params of a user preset the kind still accepts (a stored value may predate a param change). */
export function validPresetParams(kind: DeviceKind, params: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(params).filter(([id, v]) => {
      const spec = paramSpec(kind, id);
      return spec !== undefined && isValidParamValue(spec, v);
    }),
  );
}

/** The name of the user preset the device's params equal, if any. */
export function matchingUserPreset(presets: Readonly<Record<string, Readonly<Record<string, number>>>> | undefined, params: Readonly<Record<string, number>>): string | null {
  for (const [name, values] of Object.entries(presets ?? {})) {
    if (Object.entries(values).every(([id, v]) => params[id] === v)) return name;
  }
  return null;
}

/** One store per window: every device panel shows the same presets. */
export const userPresets: UserPresetStore = createUserPresets();
