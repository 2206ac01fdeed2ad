import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareByOrder, isOrderKey, keyBetween } from './fractionalIndex';

describe('fractional index', () => {
  it('mints keys between, before and after', () => {
    const a = keyBetween(null, null);
    const b = keyBetween(a, null);
    const z = keyBetween(null, a);
    expect(z < a && a < b).toBe(true);
    const mid = keyBetween(a, b);
    expect(a < mid && mid < b).toBe(true);
  });

  it('keeps order under any sequence of inserts', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 200 }), (positions) => {
        const keys: string[] = [];
        for (const p of positions) {
          const i = keys.length === 0 ? 0 : p % (keys.length + 1);
          const key = keyBetween(keys[i - 1] ?? null, keys[i] ?? null);
          expect(isOrderKey(key)).toBe(true);
          keys.splice(i, 0, key);
        }
        for (let i = 1; i < keys.length; i++) expect((keys[i - 1] as string) < (keys[i] as string)).toBe(true);
      }),
    );
  });

  it('rejects malformed or reversed bounds', () => {
    expect(() => keyBetween('b0', null)).toThrow(RangeError);
    expect(() => keyBetween('b', 'a')).toThrow(RangeError);
  });

  it('breaks equal-key ties by id', () => {
    const items = [{ order: 'V', id: 'b' }, { order: 'V', id: 'a' }, { order: 'A', id: 'z' }];
    expect(items.sort(compareByOrder).map((i) => i.id)).toEqual(['z', 'a', 'b']);
  });
});
