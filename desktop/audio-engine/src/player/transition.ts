/** What the player needs to know about a track to choose how it joins the next one. */
export interface TransitionTrack {
  album: string | null;
  albumArtist: string | null;
  artists: readonly string[];
  trackNo: number | null;
  discNo: number | null;
}

/**
 * True when `b` directly follows `a` on the same album (next track number, or the first track
 * of the next disc): such a join is played gapless, never crossfaded, so live albums and
 * continuous mixes stay seamless.
 *
 * @example
 * isAlbumContinuation({ album: 'Abbey Road', trackNo: 16, … }, { album: 'Abbey Road', trackNo: 17, … }) // true
 */
export function isAlbumContinuation(a: TransitionTrack, b: TransitionTrack): boolean {
  if (!a.album || a.album !== b.album) return false;
  const artist = (t: TransitionTrack) => t.albumArtist ?? t.artists[0] ?? null;
  if (artist(a) !== artist(b)) return false;
  if (a.trackNo === null || b.trackNo === null) return false;
  const discA = a.discNo ?? 1;
  const discB = b.discNo ?? 1;
  if (discA === discB) return b.trackNo === a.trackNo + 1;
  return discB === discA + 1 && b.trackNo === 1;
}

/** Seconds of crossfade between two tracks: 0 inside an album run, else the setting, bounded by both lengths. */
export function crossfadeSeconds(a: TransitionTrack & { durationSec: number }, b: TransitionTrack & { durationSec: number }, setting: number): number {
  if (setting <= 0 || isAlbumContinuation(a, b)) return 0;
  return Math.max(0, Math.min(setting, a.durationSec / 2, b.durationSec / 2));
}
