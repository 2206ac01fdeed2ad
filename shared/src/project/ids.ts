/**
 * Record ids: 21 URL-safe characters (nanoid's alphabet and length, ~126 bits), so ids minted
 * concurrently on different machines never collide and Y.Map inserts under them never conflict.
 * The random source is a dependency: tests and templates pass a seeded one to stay deterministic.
 */

/** Fills a fresh array of `length` random bytes. */
export type RandomBytes = (length: number) => Uint8Array;
/** Mints a new record id on each call. */
export type IdGenerator = () => string;

const ALPHABET = 'useandom-26T198340PX75pxJACKVERYMINDBUSHWOLF_GQZbfghjklqvwyzrict';
const ID_LENGTH = 21;

interface CryptoLike {
  getRandomValues(array: Uint8Array): Uint8Array;
}

function cryptoRandomBytes(length: number): Uint8Array {
  // shared/ compiles without DOM or Node types, yet every runtime Encore targets has Web Crypto.
  const crypto = (globalThis as { crypto?: CryptoLike }).crypto;
  if (!crypto) throw new Error('No crypto.getRandomValues in this runtime: pass a RandomBytes source');
  return crypto.getRandomValues(new Uint8Array(length));
}

/**
 * Makes an id generator over a random source (Web Crypto by default).
 *
 * @example
 * const newId = createIdGenerator();
 * newId(); // 'V1StGXR8_Z5jdHi6B-myT'
 */
export function createIdGenerator(random: RandomBytes = cryptoRandomBytes): IdGenerator {
  return () => {
    const bytes = random(ID_LENGTH);
    let id = '';
    for (let i = 0; i < ID_LENGTH; i++) id += ALPHABET[(bytes[i] ?? 0) & 63];
    return id;
  };
}

/**
 * A deterministic random source (mulberry32) for tests, templates and reproducible imports.
 * Never use it for anything secret.
 *
 * @example
 * const newId = createIdGenerator(seededRandomBytes(42));
 */
export function seededRandomBytes(seed: number): RandomBytes {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return (length) => {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) out[i] = next() & 0xff;
    return out;
  };
}
