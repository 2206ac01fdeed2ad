import { z } from 'zod';
import { AudioQuality } from './user';
import { Count, CurrencyCode, DurationMs, Id, IsoDateTime, Labels, MediaRef, Money, UnitInterval } from './primitives';

/** A key as "tonic mode": `C major`, `F# minor`, `Bb major`. One spelling so search can match it. */
export const MusicalKey = z.string().regex(/^[A-G][#b]? (major|minor)$/, 'a key such as "C major" or "F# minor"');
export type MusicalKey = z.infer<typeof MusicalKey>;

/** International Standard Recording Code: CC-XXX-YY-NNNNN, stored without dashes. */
export const Isrc = z
  .string()
  .transform((s) => s.replaceAll('-', '').toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{2}[A-Z0-9]{3}\d{7}$/, 'an ISRC such as USRC17607839'));

/** The nominal bitrate of each lossy rendition (kbps) from the seed's transcoding pipeline. */
export const RENDITION_KBPS = { low: 96, normal: 160, high: 320 } as const;

export const AudioCodec = z.enum(['aac', 'opus', 'mp3', 'flac']);
export type AudioCodec = z.infer<typeof AudioCodec>;

/** One encoded file of a track. The content hash lets the desktop dedupe and verify downloads. */
export const AudioRendition = z.object({
  ref: MediaRef,
  codec: AudioCodec,
  /** Null for lossless: its bitrate varies with the material. */
  bitrateKbps: z.int().positive().max(9216).nullable(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  sizeBytes: z.int().nonnegative(),
});
export type AudioRendition = z.infer<typeof AudioRendition>;

/**
 * Renditions by quality. Any may be missing (an MP3 upload has no lossless one), but a track
 * with none cannot play, so at least one is required.
 */
export const AudioFiles = z
  .partialRecord(AudioQuality, AudioRendition)
  .refine((files) => Object.keys(files).length > 0, 'at least one rendition')
  .refine((files) => files.lossless === undefined || files.lossless.codec === 'flac', {
    message: 'the lossless rendition is FLAC',
    path: ['lossless'],
  });
export type AudioFiles = z.infer<typeof AudioFiles>;

export const LyricLine = z.object({ timeMs: DurationMs, text: z.string().max(500) });
export type LyricLine = z.infer<typeof LyricLine>;

/** Static lyrics have no timing (they are shown as a page); synchronized ones drive karaoke. */
export const Lyrics = z.discriminatedUnion('type', [
  z.object({ type: z.literal('static'), content: z.array(z.object({ text: z.string().max(500) })).max(2000) }),
  z.object({
    type: z.literal('synchronized'),
    content: z
      .array(LyricLine)
      .max(2000)
      // Players find the current line by binary search, which needs time order.
      .refine((lines) => lines.every((l, i) => i === 0 || l.timeMs >= lines[i - 1]!.timeMs), 'lines in time order'),
  }),
]);
export type Lyrics = z.infer<typeof Lyrics>;

/** What analysis found in the audio. Loudness is integrated LUFS (EBU R128). */
export const AudioFeatures = z.object({
  tempo: z.number().min(20).max(999),
  key: MusicalKey,
  energy: UnitInterval,
  danceability: UnitInterval,
  acousticness: UnitInterval,
  valence: UnitInterval,
  loudness: z.number().min(-70).max(6),
});
export type AudioFeatures = z.infer<typeof AudioFeatures>;

export const TrackStatistics = z.object({
  playCount: Count,
  likeCount: Count,
  saveCount: Count,
  shareCount: Count,
  reelUsageCount: Count,
});

export const TrackPricing = z
  .object({
    purchasePrice: Money,
    currency: CurrencyCode,
    allowPurchase: z.boolean(),
    allowReelUsage: z.boolean(),
  })
  // A purchasable track at price 0 would be a download button with a ledger entry of nothing.
  .refine((p) => !p.allowPurchase || p.purchasePrice > 0, { message: 'a purchasable track has a price', path: ['purchasePrice'] });
export type TrackPricing = z.infer<typeof TrackPricing>;

export const Track = z.object({
  id: Id,
  title: z.string().trim().min(1).max(200),
  artistId: Id,
  /** Null for a track released on its own, outside any album. */
  albumId: Id.nullable(),
  durationMs: DurationMs,
  /** Null until the track is published (ISRCs are assigned at release). */
  isrc: Isrc.nullable(),
  explicit: z.boolean(),
  genres: Labels,
  tags: Labels,
  releaseDate: IsoDateTime.nullable(),
  audioFiles: AudioFiles,
  /** Peaks in [0, 1] for the scrub bar; a few hundred points, not samples. */
  waveform: z.array(UnitInterval).max(4096),
  /** Null for instrumentals and tracks whose lyrics were never supplied. */
  lyrics: Lyrics.nullable(),
  /** Null until the analysis job has run. */
  audioFeatures: AudioFeatures.nullable(),
  mood: Labels,
  statistics: TrackStatistics,
  pricing: TrackPricing,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Track = z.infer<typeof Track>;
