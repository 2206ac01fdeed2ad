import { describe, expect, it } from 'vitest';
import { plainLine, PublishTrackRequest, toLyrics, UploadFilename } from './catalog';

describe('catalog text', () => {
  it('strips markup and control characters, keeps plain "<"', () => {
    expect(plainLine(' <b>Hi</b>\tthere ')).toBe('Hi there');
    expect(plainLine('<script>alert(1)</script>a < b')).toBe('alert(1)a < b');
    expect(plainLine('a\u202eb\u0000c')).toBe('a b c');
  });

  it('keeps only the last segment of a file name', () => {
    expect(UploadFilename.parse('..\\..\\windows\\system.ini')).toBe('system.ini');
    expect(UploadFilename.parse('/etc/.passwd')).toBe('passwd');
    expect(UploadFilename.safeParse('../').success).toBe(false);
  });

  it('parses LRC into time-ordered lines and ignores tags', () => {
    expect(toLyrics({ lrc: '[ti:x]\n[00:02.00][00:00.50]Chorus\n[01:00]End' })).toEqual({
      type: 'synchronized',
      content: [
        { timeMs: 500, text: 'Chorus' },
        { timeMs: 2000, text: 'Chorus' },
        { timeMs: 60_000, text: 'End' },
      ],
    });
  });

  it('requires a price on a purchasable track', () => {
    const base = { uploadId: '00000000-0000-4000-8000-000000000000', title: 'T' };
    expect(PublishTrackRequest.safeParse({ ...base, allowPurchase: true }).success).toBe(false);
    expect(PublishTrackRequest.parse({ ...base, allowPurchase: true, price: 99 }).price).toBe(99);
  });
});
