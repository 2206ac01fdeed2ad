import { hkdfSync } from 'node:crypto';
import { LICENCE_KEY_INFO } from '@encore/shared/api/licences';

/**
 * The AES-256 key of one downloaded file, derived from its licence: HKDF-SHA256 over the
 * licence secret (shown once by the server), salted with the licence id and bound to the track
 * and quality. A key therefore opens only the file it was made for, under that licence.
 *
 * @example
 * const key = deriveFileKey({ secret, licenceId, trackId, quality: 'high' }); // 32 bytes
 */
export function deriveFileKey(o: { secret: string; licenceId: string; trackId: string; quality: string }): Buffer {
  const ikm = Buffer.from(o.secret, 'base64url');
  if (ikm.byteLength !== 32) throw new Error('A licence secret is 32 bytes');
  return Buffer.from(hkdfSync('sha256', ikm, Buffer.from(o.licenceId, 'utf8'), `${LICENCE_KEY_INFO}|${o.trackId}|${o.quality}`, 32));
}
