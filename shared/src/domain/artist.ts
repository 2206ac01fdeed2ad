import { z } from 'zod';
import { Count, CurrencyCode, Id, IsoDateTime, Labels, MediaRef, Money } from './primitives';

/** Links shown on the artist page; each is optional because most artists fill in a few. */
export const SocialLinks = z.object({
  website: z.url({ protocol: /^https?$/ }).max(2048).optional(),
  instagram: z.string().max(64).optional(),
  twitter: z.string().max(64).optional(),
  facebook: z.string().max(128).optional(),
});
export type SocialLinks = z.infer<typeof SocialLinks>;

/** Earnings so far, in the artist's payout currency. The ledger is the source of truth; this is its summary. */
export const ArtistRoyalties = z.object({
  totalEarned: Money,
  pendingPayout: Money,
  currency: CurrencyCode,
  lastPayoutDate: IsoDateTime.nullable(),
});
export type ArtistRoyalties = z.infer<typeof ArtistRoyalties>;

/** The public face of a user with the artist role: one user may run one artist profile. */
export const Artist = z.object({
  id: Id,
  userId: Id,
  name: z.string().trim().min(1).max(100),
  bio: z.string().max(5000),
  profileImage: MediaRef.nullable(),
  bannerImage: MediaRef.nullable(),
  genres: Labels,
  socialLinks: SocialLinks,
  isVerified: z.boolean(),
  statistics: z.object({ followerCount: Count, monthlyListeners: Count, totalStreams: Count }),
  royalties: ArtistRoyalties,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Artist = z.infer<typeof Artist>;
