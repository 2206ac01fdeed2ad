import { describe, expect, it } from 'vitest';
import { equalPowerCurves } from './equalPower';
import { crossfadeSeconds, isAlbumContinuation } from './transition';

const t = (album: string | null, trackNo: number | null, discNo: number | null = null, durationSec = 200) => ({ album, albumArtist: 'A', artists: ['A'], trackNo, discNo, durationSec });

describe('transitions', () => {
  it('recognises consecutive album tracks, across discs too', () => {
    expect(isAlbumContinuation(t('X', 1), t('X', 2))).toBe(true);
    expect(isAlbumContinuation(t('X', 1), t('X', 3))).toBe(false);
    expect(isAlbumContinuation(t('X', 12, 1), t('X', 1, 2))).toBe(true);
    expect(isAlbumContinuation(t('X', 1), t('Y', 2))).toBe(false);
    expect(isAlbumContinuation(t(null, 1), t(null, 2))).toBe(false);
  });

  it('crossfades only outside album runs, never longer than half a track', () => {
    expect(crossfadeSeconds(t('X', 1), t('X', 2), 6)).toBe(0);
    expect(crossfadeSeconds(t('X', 1), t('Y', 1), 6)).toBe(6);
    expect(crossfadeSeconds(t('X', 1, null, 4), t('Y', 1), 6)).toBe(2);
    expect(crossfadeSeconds(t('X', 1), t('Y', 1), 0)).toBe(0);
  });

  it('equal-power curves keep out² + in² = 1', () => {
    const [out, inn] = equalPowerCurves(65);
    expect(out[0]).toBe(1);
    expect(inn[64]).toBe(1);
    for (let i = 0; i < 65; i++) expect(out[i]! ** 2 + inn[i]! ** 2).toBeCloseTo(1, 6);
  });
});
