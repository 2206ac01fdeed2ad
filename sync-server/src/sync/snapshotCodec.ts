import { deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * How a snapshot is stored: a Yjs update compressed with raw DEFLATE behind a 4-byte mark, or
 * (snapshots written before compression) the bare update. Documents are mostly text and
 * repeated keys and compress several times over, so a load moves and parses a fraction of
 * the bytes through the driver (postgres.js reads `bytea` as hex text: twice the size).
 * Level 1: compaction stays cheap, most of the gain is already there.
 */
const MARK = Uint8Array.of(0x00, 0x45, 0x4e, 0x5a); // NUL "ENZ"
const LEVEL = 1;

/** Whether the stored bytes carry the mark (a bare update beginning with these 4 bytes would be an empty one with a 69-client delete set of client 'N'...: never written by Yjs in practice, and inflating it would fail anyway). */
function marked(stored: Uint8Array): boolean {
  return stored.byteLength > MARK.byteLength && MARK.every((b, i) => stored[i] === b);
}

/** The bytes to store for `update`. */
export function packSnapshot(update: Uint8Array): Uint8Array {
  const body = deflateRawSync(update, { level: LEVEL });
  const out = new Uint8Array(MARK.byteLength + body.byteLength);
  out.set(MARK, 0);
  out.set(body, MARK.byteLength);
  return out;
}

/**
 * The update stored in `stored`.
 *
 * @example
 * unpackSnapshot(packSnapshot(update)); // equal to update
 */
export function unpackSnapshot(stored: Uint8Array): Uint8Array {
  if (!marked(stored)) return stored;
  const raw = inflateRawSync(stored.subarray(MARK.byteLength));
  return new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
}
