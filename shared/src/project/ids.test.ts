import { describe, expect, it } from 'vitest';
import { createIdGenerator, seededRandomBytes } from './ids';

describe('ids', () => {
  it('mints 21 URL-safe characters from Web Crypto by default', () => {
    const newId = createIdGenerator();
    const ids = new Set(Array.from({ length: 1000 }, newId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{21}$/);
  });

  it('is deterministic with a seeded source and differs between seeds', () => {
    const a = createIdGenerator(seededRandomBytes(1));
    const b = createIdGenerator(seededRandomBytes(1));
    const c = createIdGenerator(seededRandomBytes(2));
    const first = a();
    expect(b()).toBe(first);
    expect(c()).not.toBe(first);
  });
});
