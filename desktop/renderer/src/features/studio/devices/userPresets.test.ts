import { describe, expect, it } from 'vitest';
import { createUserPresets, deleteUserPreset, matchingUserPreset, saveUserPreset, validPresetParams } from './userPresets';

/** A Storage in memory (Node has no localStorage). */
function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, v),
  };
}

describe('user presets', () => {
  it('saves, finds, persists and deletes presets per device kind', () => {
    const storage = memoryStorage();
    const store = createUserPresets(storage);
    saveUserPreset(store, 'reverb', '  Big room ', { decay: 4, preDelay: 30, damping: 6000, mix: 80 });
    expect(Object.keys(store.getState().reverb ?? {})).toEqual(['Big room']);
    expect(matchingUserPreset(store.getState().reverb, { decay: 4, preDelay: 30, damping: 6000, mix: 80 })).toBe('Big room');
    expect(matchingUserPreset(store.getState().reverb, { decay: 5, preDelay: 30, damping: 6000, mix: 80 })).toBeNull();
    // Another window (or the next start) reads them back.
    expect(createUserPresets(storage).getState().reverb?.['Big room']).toEqual({ decay: 4, preDelay: 30, damping: 6000, mix: 80 });
    deleteUserPreset(store, 'reverb', 'Big room');
    expect(createUserPresets(storage).getState().reverb).toEqual({});
    expect(() => saveUserPreset(store, 'reverb', '   ', {})).toThrow();
  });

  it('ignores unreadable storage and drops values a param no longer accepts', () => {
    const storage = memoryStorage();
    storage.setItem('encore.studio.userPresets', '{not json');
    expect(createUserPresets(storage).getState()).toEqual({});
    storage.setItem('encore.studio.userPresets', JSON.stringify({ nonsense: { x: { a: 1 } } }));
    expect(createUserPresets(storage).getState()).toEqual({});
    expect(validPresetParams('filter', { cutoff: 500, mode: 1.5, resonance: 99, gone: 1 })).toEqual({ cutoff: 500 });
  });
});
