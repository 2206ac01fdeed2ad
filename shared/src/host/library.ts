import { z } from 'zod';
import { AudioQuality } from '../domain/user';

/**
 * The host API of the music library: folders, scanning, browsing, search, likes and plays,
 * playlists and smart playlists. Merged into `hostContract` (contract.ts). A track's id is
 * the SHA-256 of its file, so likes, plays and playlist entries follow a file that moves.
 *
 * Paths: library folders are the ones the user chose, so they are shown back; tracks carry
 * only their path relative to their folder.
 */
const procedure = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

export const TrackId = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hex digest');
export type TrackId = z.infer<typeof TrackId>;
export const ArtworkHash = TrackId;

/**
 * Cover thumbnails, served by the host as square WebP images (lazy: made on first request,
 * then cached on disk and by the browser, immutable since the hash names the content).
 * URL: `media/artwork/<px>/<hash>` relative to the renderer's origin, in browser mode and
 * under Electron's app scheme alike.
 */
export const ARTWORK_SIZES = [64, 128, 256, 512] as const;
export type ArtworkSize = (typeof ARTWORK_SIZES)[number];
export const MEDIA_ARTWORK_PREFIX = '/media/artwork/';

/**
 * @example
 * artworkUrl('3f2a…', 256) // 'media/artwork/256/3f2a…'
 */
export function artworkUrl(hash: string, px: ArtworkSize): string {
  return `${MEDIA_ARTWORK_PREFIX.slice(1)}${px}/${ArtworkHash.parse(hash)}`;
}

/** Parses `/media/artwork/<px>/<hash>`; null when it is not a well-formed artwork path. */
export function parseArtworkPath(pathname: string): { px: ArtworkSize; hash: string } | null {
  const m = /^\/media\/artwork\/(\d{2,3})\/([0-9a-f]{64})$/.exec(pathname);
  const px = Number(m?.[1]) as ArtworkSize;
  return m && ARTWORK_SIZES.includes(px) ? { px, hash: m[2]! } : null;
}

export const AudioFormat = z.enum(['mp3', 'flac', 'ogg', 'opus', 'm4a', 'aac', 'wav', 'aiff']);
export type AudioFormat = z.infer<typeof AudioFormat>;

/** An absolute path typed by the user or chosen in a dialog; NUL never reaches the disk. */
export const HostPath = z.string().min(1).max(4096).refine((p) => !p.includes('\0'), 'no NUL characters');

/** One folder of the host-side folder picker (browser mode has no OS dialog on the host's disk). */
export const FolderBrowse = z.object({
  /** The folder listed, resolved through symlinks. */
  path: z.string(),
  /** Its parent, or null at the top of a root. */
  parent: z.string().nullable(),
  /** Where browsing may go: the user's home and attached disks. */
  roots: z.array(z.object({ name: z.string(), path: z.string() })),
  entries: z.array(z.object({ name: z.string(), path: z.string() })),
  /** More subfolders than listed. */
  truncated: z.boolean(),
  /** Audio files directly in this folder (a hint that it holds music). */
  audioFiles: z.number().int(),
});
export type FolderBrowse = z.infer<typeof FolderBrowse>;

export const LibraryFolder = z.object({
  id: z.number().int(),
  path: z.string(),
  addedAt: z.string(),
  lastScanAt: z.string().nullable(),
  trackCount: z.number().int(),
});
export type LibraryFolder = z.infer<typeof LibraryFolder>;

export const ReplayGain = z.object({
  trackGainDb: z.number().nullable(),
  trackPeak: z.number().nullable(),
  albumGainDb: z.number().nullable(),
  albumPeak: z.number().nullable(),
});
export type ReplayGain = z.infer<typeof ReplayGain>;

export const MusicBrainzIds = z.object({
  recordingId: z.string().nullable(),
  trackId: z.string().nullable(),
  albumId: z.string().nullable(),
  artistIds: z.array(z.string()),
  albumArtistIds: z.array(z.string()),
  releaseGroupId: z.string().nullable(),
});
export type MusicBrainzIds = z.infer<typeof MusicBrainzIds>;

/** Where a library track comes from: the user's own files, or a catalog track downloaded for offline play. */
export const TrackSource = z.enum(['local', 'catalog']);
export type TrackSource = z.infer<typeof TrackSource>;

export const LibraryTrack = z.object({
  id: TrackId,
  /** Null for a downloaded catalog track (it lives in no folder). */
  folderId: z.number().int().nullable(),
  /** Relative to the folder, with '/' separators ('' for a downloaded catalog track). */
  relPath: z.string(),
  /** Absent means 'local'. A 'catalog' track plays through `media/library/<id>` too: the host decrypts its download. */
  source: TrackSource.optional(),
  /** The download a catalog track is held under: its quality and until when it plays offline. */
  download: z.object({ id: z.uuid(), quality: AudioQuality, offlineUntil: z.string().nullable() }).nullable().optional(),
  format: AudioFormat,
  codec: z.string().nullable(),
  sizeBytes: z.number().int(),
  durationSec: z.number().nullable(),
  sampleRate: z.number().int().nullable(),
  channels: z.number().int().nullable(),
  bitrate: z.number().int().nullable(),
  title: z.string(),
  artists: z.array(z.string()),
  albumArtist: z.string().nullable(),
  album: z.string().nullable(),
  trackNo: z.number().int().nullable(),
  trackOf: z.number().int().nullable(),
  discNo: z.number().int().nullable(),
  discOf: z.number().int().nullable(),
  year: z.number().int().nullable(),
  genres: z.array(z.string()),
  composers: z.array(z.string()),
  isrc: z.string().nullable(),
  musicBrainz: MusicBrainzIds,
  replayGain: ReplayGain,
  artworkHash: ArtworkHash.nullable(),
  hasLyrics: z.boolean(),
  addedAt: z.string(),
  liked: z.boolean(),
  rating: z.number().int().min(0).max(5),
  playCount: z.number().int(),
  lastPlayedAt: z.string().nullable(),
});
export type LibraryTrack = z.infer<typeof LibraryTrack>;

export const SongSort = z.enum(['title', 'artist', 'album', 'year', 'addedAt', 'playCount', 'lastPlayedAt', 'duration', 'rating']);
export type SongSort = z.infer<typeof SongSort>;
const Order = z.enum(['asc', 'desc']);
const Paging = { offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(1000).default(100) };
const Name = z.string().trim().min(1).max(500);

export const SongQuery = z.object({
  sort: SongSort.default('title'),
  order: Order.default('asc'),
  /** Every filter narrows; `text` is a full-text prefix match like search. */
  filter: z
    .object({
      artist: Name.optional(),
      albumArtist: Name.optional(),
      album: Name.optional(),
      genre: Name.optional(),
      year: z.number().int().optional(),
      folderId: z.number().int().optional(),
      /** Tracks directly in this folder-relative directory ('' is the folder root). */
      dir: z.string().max(4096).optional(),
      liked: z.boolean().optional(),
      minRating: z.number().int().min(0).max(5).optional(),
      format: AudioFormat.optional(),
      text: z.string().max(200).optional(),
    })
    .default({}),
  ...Paging,
});
export type SongQuery = z.input<typeof SongQuery>;

export const Page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });

export const AlbumSummary = z.object({
  album: z.string(),
  albumArtist: z.string().nullable(),
  year: z.number().int().nullable(),
  trackCount: z.number().int(),
  durationSec: z.number(),
  artworkHash: ArtworkHash.nullable(),
  addedAt: z.string(),
});
export type AlbumSummary = z.infer<typeof AlbumSummary>;
export const ArtistSummary = z.object({ name: z.string(), trackCount: z.number().int(), albumCount: z.number().int() });
export type ArtistSummary = z.infer<typeof ArtistSummary>;
export const GenreSummary = z.object({ name: z.string(), trackCount: z.number().int() });

export const AlbumQuery = z.object({
  sort: z.enum(['album', 'albumArtist', 'year', 'addedAt', 'playCount']).default('album'),
  order: Order.default('asc'),
  filter: z.object({ artist: Name.optional(), genre: Name.optional() }).default({}),
  ...Paging,
});
export const ArtistQuery = z.object({ sort: z.enum(['name', 'trackCount']).default('name'), order: Order.default('asc'), ...Paging });

export const FolderListing = z.object({
  folderId: z.number().int(),
  dir: z.string(),
  subdirs: z.array(z.object({ name: z.string(), trackCount: z.number().int() })),
  tracks: z.array(LibraryTrack),
});

export const SearchResults = z.object({
  query: z.string(),
  songs: z.array(LibraryTrack),
  albums: z.array(AlbumSummary),
  artists: z.array(ArtistSummary),
});
export type SearchResults = z.infer<typeof SearchResults>;

export const BadFile = z.object({ folderId: z.number().int().nullable(), path: z.string(), reason: z.string(), seenAt: z.string() });
export type BadFile = z.infer<typeof BadFile>;

export const ScanSummary = z.object({
  scanned: z.number().int(),
  added: z.number().int(),
  updated: z.number().int(),
  moved: z.number().int(),
  removed: z.number().int(),
  unchanged: z.number().int(),
  bad: z.number().int(),
  /** Folders that could not be read, and symlinks not followed because they loop. */
  skippedDirs: z.array(z.object({ path: z.string(), reason: z.string() })),
  resumed: z.boolean(),
  seconds: z.number(),
});
export type ScanSummary = z.infer<typeof ScanSummary>;

export const ScanProgress = z.object({
  phase: z.enum(['walking', 'reading', 'removing', 'done']),
  found: z.number().int(),
  processed: z.number().int(),
  bad: z.number().int(),
});
export type ScanProgress = z.infer<typeof ScanProgress>;

export const LibraryStats = z.object({
  folders: z.number().int(),
  tracks: z.number().int(),
  albums: z.number().int(),
  artists: z.number().int(),
  genres: z.number().int(),
  totalDurationSec: z.number(),
  totalBytes: z.number(),
  badFiles: z.number().int(),
  liked: z.number().int(),
  plays: z.number().int(),
  formats: z.record(z.string(), z.number().int()),
});
export type LibraryStats = z.infer<typeof LibraryStats>;

export const Lyrics = z.object({
  text: z.string(),
  /** Time-stamped lines when the lyrics are synchronised (LRC or SYLT). */
  lines: z.array(z.object({ timeMs: z.number().int(), text: z.string() })).nullable(),
});

/** An album's loudness, derived from its tracks' analyses (for album-mode normalisation). */
export const AlbumLoudness = z.object({
  album: z.string(),
  albumArtist: z.string().nullable(),
  integratedLufs: z.number(),
  truePeakDbtp: z.number().nullable(),
  /** Distinct tracks of the album, and how many of them are measured so far. */
  tracks: z.number().int(),
  measured: z.number().int(),
});
export type AlbumLoudness = z.infer<typeof AlbumLoudness>;

export const Play = z.object({ trackId: TrackId, playedAt: z.string(), msPlayed: z.number().int().nullable(), track: LibraryTrack.nullable() });

export const Playlist = z.object({ id: z.number().int(), name: z.string(), entryCount: z.number().int(), createdAt: z.string(), updatedAt: z.string() });
export type Playlist = z.infer<typeof Playlist>;
export const PlaylistEntry = z.object({ position: z.number().int(), trackId: TrackId, track: LibraryTrack.nullable() });
const PlaylistId = z.object({ id: z.number().int() });

/** Rules of a smart playlist. Compiled to SQL with bound parameters only. */
const NumOp = z.enum(['eq', 'gte', 'lte']);
export const SmartRule = z.discriminatedUnion('field', [
  z.object({ field: z.literal('genre'), op: z.enum(['is', 'isNot', 'contains']), value: Name }),
  z.object({ field: z.literal('artist'), op: z.enum(['is', 'contains']), value: Name }),
  z.object({ field: z.literal('year'), op: NumOp, value: z.number().int().min(0).max(9999) }),
  z.object({ field: z.literal('rating'), op: NumOp, value: z.number().int().min(0).max(5) }),
  z.object({ field: z.literal('plays'), op: NumOp, value: z.number().int().min(0) }),
  z.object({ field: z.literal('addedAt'), op: z.enum(['inLastDays', 'notInLastDays']), value: z.number().int().min(0).max(36500) }),
  z.object({ field: z.literal('liked'), op: z.literal('is'), value: z.boolean() }),
]);
export type SmartRule = z.infer<typeof SmartRule>;
export const SmartRules = z.object({
  match: z.enum(['all', 'any']).default('all'),
  rules: z.array(SmartRule).min(1).max(50),
  sort: SongSort.default('title'),
  order: Order.default('asc'),
  limit: z.number().int().min(1).max(100_000).nullable().default(null),
});
export type SmartRules = z.infer<typeof SmartRules>;
export const SmartPlaylist = z.object({ id: z.number().int(), name: z.string(), rules: SmartRules, createdAt: z.string(), updatedAt: z.string() });
export type SmartPlaylist = z.infer<typeof SmartPlaylist>;

export const libraryContract = {
  'library.folders.list': procedure(z.void(), z.array(LibraryFolder)),
  /** Adds a folder (not scanned yet: call library.scan). */
  'library.folders.add': procedure(z.object({ path: HostPath }), LibraryFolder),
  /** Lists the subfolders of a folder under the user's home or an attached disk (default: the first root). */
  'library.folders.browse': procedure(z.object({ path: HostPath.optional(), showHidden: z.boolean().default(false) }).default({ showHidden: false }), FolderBrowse),
  /** Opens the OS folder dialog where there is one (Electron); `supported: false` in browser mode. */
  'library.folders.pick': procedure(z.void(), z.object({ supported: z.boolean(), path: z.string().nullable() })),
  /** Removes a folder and its tracks; likes, plays and playlists stay with the hashes. */
  'library.folders.remove': procedure(z.object({ id: z.number().int() }), z.object({ removedTracks: z.number().int() })),
  /** Scans every folder (or one) incrementally; progress arrives as 'library.scanProgress'. */
  'library.scan': procedure(z.object({ folderId: z.number().int().optional() }).default({}), ScanSummary),
  'library.badFiles': procedure(z.object(Paging).default({ offset: 0, limit: 100 }), Page(BadFile)),
  'library.stats': procedure(z.void(), LibraryStats),
  /** Search as you type: every word is a prefix; results grouped by type. */
  'library.search': procedure(z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(200).default(25) }), SearchResults),
  'library.songs': procedure(SongQuery, Page(LibraryTrack)),
  'library.albums': procedure(AlbumQuery, Page(AlbumSummary)),
  'library.artists': procedure(ArtistQuery, Page(ArtistSummary)),
  'library.genres': procedure(z.void(), z.array(GenreSummary)),
  'library.folder': procedure(z.object({ folderId: z.number().int(), dir: z.string().max(4096).default('') }), FolderListing),
  'library.track': procedure(z.object({ id: TrackId }), LibraryTrack),
  'library.lyrics': procedure(z.object({ id: TrackId }), Lyrics.nullable()),
  /** Cover bytes (base64), stored content-addressed; the renderer scales them. */
  /** Loudness of the album `id` belongs to; null without an album or before any of it is analysed. */
  'library.albumLoudness': procedure(z.object({ id: TrackId }), AlbumLoudness.nullable()),
  'library.artwork': procedure(z.object({ hash: ArtworkHash }), z.object({ mime: z.string(), base64: z.string() })),
  'library.setLiked': procedure(z.object({ id: TrackId, liked: z.boolean() }), LibraryTrack),
  'library.setRating': procedure(z.object({ id: TrackId, rating: z.number().int().min(0).max(5) }), LibraryTrack),
  'library.recordPlay': procedure(z.object({ id: TrackId, playedAt: z.iso.datetime().optional(), msPlayed: z.number().int().min(0).optional() }), LibraryTrack),
  'library.history': procedure(z.object(Paging).default({ offset: 0, limit: 100 }), Page(Play)),
  'library.playlists.list': procedure(z.void(), z.array(Playlist)),
  'library.playlists.create': procedure(z.object({ name: Name }), Playlist),
  'library.playlists.rename': procedure(z.object({ id: z.number().int(), name: Name }), Playlist),
  'library.playlists.delete': procedure(PlaylistId, z.object({ deleted: z.boolean() })),
  'library.playlists.entries': procedure(PlaylistId, z.array(PlaylistEntry)),
  /** Inserts at `position` (default: the end). */
  'library.playlists.add': procedure(z.object({ id: z.number().int(), trackIds: z.array(TrackId).min(1).max(10_000), position: z.number().int().min(0).optional() }), Playlist),
  'library.playlists.remove': procedure(z.object({ id: z.number().int(), positions: z.array(z.number().int().min(0)).min(1).max(10_000) }), Playlist),
  'library.playlists.move': procedure(z.object({ id: z.number().int(), from: z.number().int().min(0), to: z.number().int().min(0) }), Playlist),
  'library.playlists.importM3u': procedure(z.object({ path: HostPath, name: Name.optional() }), z.object({ playlist: Playlist, matched: z.number().int(), missing: z.array(z.string()) })),
  'library.playlists.exportM3u': procedure(z.object({ id: z.number().int(), path: HostPath }), z.object({ written: z.number().int(), skipped: z.number().int() })),
  'library.smart.list': procedure(z.void(), z.array(SmartPlaylist)),
  'library.smart.create': procedure(z.object({ name: Name, rules: SmartRules }), SmartPlaylist),
  'library.smart.update': procedure(z.object({ id: z.number().int(), name: Name.optional(), rules: SmartRules.optional() }), SmartPlaylist),
  'library.smart.delete': procedure(PlaylistId, z.object({ deleted: z.boolean() })),
  'library.smart.tracks': procedure(z.object({ id: z.number().int(), ...Paging }), Page(LibraryTrack)),
} as const;

/** Events of the library, pushed to the renderer. */
export const libraryEvents = {
  'library.scanProgress': ScanProgress,
  /** Something in the library changed: views and smart playlists re-query. */
  'library.changed': z.object({ reason: z.enum(['scan', 'watch', 'folders', 'stats', 'playlists', 'downloads']) }),
} as const;
