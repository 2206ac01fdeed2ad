import { describe, expect, it } from 'vitest';
import { Artist } from './artist';

const at = '2024-05-01T12:00:00Z';
const artist = {
  id: 'a1',
  userId: 'u1',
  name: 'Nova',
  bio: '',
  profileImage: null,
  bannerImage: null,
  genres: [],
  socialLinks: { website: 'https://nova.example', instagram: 'nova' },
  isVerified: false,
  statistics: { followerCount: 1, monthlyListeners: 10, totalStreams: 100 },
  royalties: { totalEarned: 12_345, pendingPayout: 4_000, currency: 'USD', lastPayoutDate: null },
  createdAt: at,
  updatedAt: at,
};

describe('Artist', () => {
  it('parses an artist with a few social links', () => {
    expect(Artist.parse(artist).socialLinks.twitter).toBeUndefined();
  });
  it('refuses a non-web website, a fractional balance and a lowercase currency', () => {
    expect(Artist.safeParse({ ...artist, socialLinks: { website: 'javascript:alert(1)' } }).success).toBe(false);
    expect(Artist.safeParse({ ...artist, royalties: { ...artist.royalties, pendingPayout: 40.5 } }).success).toBe(false);
    expect(Artist.safeParse({ ...artist, royalties: { ...artist.royalties, currency: 'usd' } }).success).toBe(false);
  });
});
