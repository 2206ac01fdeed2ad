import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseBuffer, selectCover, type IAudioMetadata } from 'music-metadata';
import type { AudioFormat } from '@encore/shared/host/library';
import { lyricsText, parseLrc } from './lrc';
import { sniff } from './sniff';

/** Tag text longer than this is cut: a 100 KB title is a broken tag, not a title. */
export const MAX_TAG_CHARS = 1024;
export const MAX_LYRICS_CHARS = 64 * 1024;
/** Whole-file reads above this size are refused (no audio file a player meets is this big). */
export const MAX_FILE_BYTES = 2 * 1024 * 1024 * 1024 - 1;

/** Everything the library stores about one readable audio file. */
export interface TrackRecord {
  hash: string;
  path: string;
  size: number;
  mtimeMs: number;
  format: AudioFormat;
  codec: string | null;
  durationSec: number | null;
  sampleRate: number | null;
  channels: number | null;
  bitrate: number | null;
  title: string;
  artists: string[];
  albumArtist: string | null;
  album: string | null;
  trackNo: number | null;
  trackOf: number | null;
  discNo: number | null;
  discOf: number | null;
  year: number | null;
  genres: string[];
  composers: string[];
  isrc: string | null;
  musicBrainz: { recordingId: string | null; trackId: string | null; albumId: string | null; artistIds: string[]; albumArtistIds: string[]; releaseGroupId: string | null };
  replayGain: { trackGainDb: number | null; trackPeak: number | null; albumGainDb: number | null; albumPeak: number | null };
  /** Embedded cover, if any: stored by the caller in the artwork store. */
  picture: { mime: string; bytes: Uint8Array } | null;
  lyrics: string | null;
  lyricsLrc: string | null;
}

export type ReadResult = { ok: true; track: TrackRecord } | { ok: false; reason: string; size: number; mtimeMs: number };

/**
 * Reads one file: one pass over the bytes hashes it (SHA-256 of the whole file: no format
 * knowledge needed, so corrupt and mislabeled files still get an identity) and keeps them for
 * music-metadata, which is told the container found by {@link sniff}, never the extension.
 * Never throws for a bad file: the reason comes back instead.
 *
 * @example
 * const r = await readTrack('/music/a.flac');
 * if (r.ok) r.track.artists; // ['A1', 'A2']
 */
export async function readTrack(file: string, hints: ReadHints = {}): Promise<ReadResult> {
  let size: number;
  let mtimeMs: number;
  if (hints.stat) ({ size, mtimeMs } = hints.stat);
  else {
    try {
      const st = await fs.promises.stat(file);
      if (!st.isFile()) return { ok: false, reason: 'not a regular file', size: 0, mtimeMs: 0 };
      size = st.size;
      mtimeMs = Math.trunc(st.mtimeMs);
    } catch (e) {
      return { ok: false, reason: `cannot stat: ${codeOf(e)}`, size: 0, mtimeMs: 0 };
    }
  }
  const bad = (reason: string): ReadResult => ({ ok: false, reason, size, mtimeMs });
  if (size === 0) return bad('empty file');
  if (size > MAX_FILE_BYTES) return bad('file too large');
  let buf: Buffer;
  let hash: string;
  try {
    ({ buf, hash } = await readAndHash(file, size));
  } catch (e) {
    return bad(`cannot read: ${codeOf(e)}`);
  }
  const kind = sniff(buf);
  if (!kind) return bad('not a supported audio format (unrecognised content)');
  let meta: IAudioMetadata;
  try {
    meta = await parseBuffer(buf, { mimeType: kind.mime, size }, { duration: false, skipCovers: false });
  } catch (e) {
    return bad(`unreadable ${kind.format}: ${oneLine(e instanceof Error ? e.message : String(e))}`);
  }
  const f = meta.format;
  if (!f.container || f.hasAudio === false || (!f.sampleRate && !f.duration)) return bad(`no audio stream found in ${kind.format} container`);
  return { ok: true, track: { ...toRecord(meta, file, kind.format), hash, size, mtimeMs, ...(await lyricsOf(meta, file, hints.dirNames)) } };
}

export interface ReadHints {
  /** Size and mtime already known from the folder walk (saves a stat per file). */
  stat?: { size: number; mtimeMs: number };
  /** Names in the file's folder, when known: a sidecar .lrc is only opened if listed. */
  dirNames?: ReadonlySet<string>;
}

/** Small files are read in one call; large ones streamed so hashing yields between chunks. */
const ONE_READ_BYTES = 8 * 1024 * 1024;

async function readAndHash(file: string, size: number): Promise<{ buf: Buffer; hash: string }> {
  if (size <= ONE_READ_BYTES) {
    const buf = await fs.promises.readFile(file);
    if (buf.length !== size) throw Object.assign(new Error('file changed while reading'), { code: 'ECHANGED' });
    return { buf, hash: createHash('sha256').update(buf).digest('hex') };
  }
  const h = createHash('sha256');
  const chunks: Buffer[] = [];
  // Streamed in 1 MiB chunks so hashing a large file yields to the event loop between reads.
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1024 * 1024 })) {
    const b = chunk as Buffer;
    h.update(b);
    chunks.push(b);
  }
  const buf = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  if (buf.length !== size) {
    // The file changed while we read it; the watcher will see it again when it settles.
    throw Object.assign(new Error('file changed while reading'), { code: 'ECHANGED' });
  }
  return { buf, hash: h.digest('hex') };
}

function toRecord(meta: IAudioMetadata, file: string, format: AudioFormat): Omit<TrackRecord, 'hash' | 'size' | 'mtimeMs' | 'lyrics' | 'lyricsLrc'> {
  const c = meta.common;
  const f = meta.format;
  const cover = selectCover(c.picture);
  const finalFormat: AudioFormat = format === 'ogg' && f.codec?.toLowerCase().includes('opus') ? 'opus' : format;
  const artists = splitArtists(c.artists?.length ? c.artists : c.artist ? [c.artist] : []);
  return {
    path: file,
    format: finalFormat,
    codec: text(f.codec),
    durationSec: finite(f.duration),
    sampleRate: int(f.sampleRate),
    channels: int(f.numberOfChannels),
    bitrate: int(f.bitrate),
    title: text(c.title) ?? path.basename(file, path.extname(file)).slice(0, MAX_TAG_CHARS),
    artists,
    albumArtist: text(c.albumartist),
    album: text(c.album),
    trackNo: int(c.track.no),
    trackOf: int(c.track.of),
    discNo: int(c.disk.no),
    discOf: int(c.disk.of),
    year: int(c.year) ?? int(Number.parseInt(c.date ?? '', 10)),
    genres: uniq((c.genre ?? []).flatMap((g) => g.split(/\s*[;/]\s*/)).map((g) => text(g))),
    composers: uniq((c.composer ?? []).map((x) => text(x))),
    isrc: text(c.isrc?.[0]),
    musicBrainz: {
      recordingId: text(c.musicbrainz_recordingid),
      trackId: text(c.musicbrainz_trackid),
      albumId: text(c.musicbrainz_albumid),
      artistIds: uniq((c.musicbrainz_artistid ?? []).map((x) => text(x))),
      albumArtistIds: uniq((c.musicbrainz_albumartistid ?? []).map((x) => text(x))),
      releaseGroupId: text(c.musicbrainz_releasegroupid),
    },
    replayGain: {
      trackGainDb: finite(c.replaygain_track_gain?.dB),
      trackPeak: finite(c.replaygain_track_peak?.ratio),
      albumGainDb: finite(c.replaygain_album_gain?.dB),
      albumPeak: finite(c.replaygain_album_peak?.ratio),
    },
    picture: cover && cover.data.length > 0 ? { mime: cover.format, bytes: cover.data } : null,
  };
}

/**
 * A sidecar `<name>.lrc` wins over embedded lyrics (it is what the user added on purpose and
 * is usually synchronised); embedded text or SYLT lines are used otherwise.
 */
async function lyricsOf(meta: IAudioMetadata, file: string, dirNames?: ReadonlySet<string>): Promise<{ lyrics: string | null; lyricsLrc: string | null }> {
  const sidecarName = `${path.basename(file, path.extname(file))}.lrc`;
  const sidecar = path.join(path.dirname(file), sidecarName);
  try {
    if (dirNames && !dirNames.has(sidecarName)) throw new Error('no sidecar');
    const raw = (await fs.promises.readFile(sidecar, 'utf8')).slice(0, MAX_LYRICS_CHARS);
    const synced = parseLrc(raw);
    return { lyrics: lyricsText(raw) || null, lyricsLrc: synced ? raw : null };
  } catch {
    // No sidecar (the common case) or an unreadable one: fall back to embedded lyrics.
  }
  const tag = meta.common.lyrics?.[0];
  if (!tag) return { lyrics: null, lyricsLrc: null };
  if (tag.syncText.length > 0) {
    const lrc = tag.syncText.map((l) => `[${stamp(l.timestamp ?? 0)}]${clean(l.text, MAX_TAG_CHARS)}`).join('\n');
    return { lyrics: lyricsText(lrc).slice(0, MAX_LYRICS_CHARS) || null, lyricsLrc: lrc.slice(0, MAX_LYRICS_CHARS) };
  }
  const t = clean(tag.text ?? '', MAX_LYRICS_CHARS);
  return { lyrics: t || null, lyricsLrc: null };
}

function stamp(ms: number): string {
  const m = Math.floor(ms / 60_000);
  const s = (ms % 60_000) / 1000;
  return `${String(m).padStart(2, '0')}:${s.toFixed(2).padStart(5, '0')}`;
}

/**
 * Tags are untrusted: drop control characters (invalid UTF-8 has already become U+FFFD in
 * the decoder), normalise to NFC so search matches composed and decomposed accents alike,
 * and cap the length.
 */
export function clean(s: string, max = MAX_TAG_CHARS): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').normalize('NFC').trim().slice(0, max);
}

function text(s: string | undefined | null): string | null {
  if (typeof s !== 'string') return null;
  const t = clean(s);
  return t.length > 0 ? t : null;
}

/**
 * Multi-valued artists: real multi-value tags (Vorbis ARTIST repeated, ID3v2.4 NUL lists)
 * arrive as several values; single strings are split on ';' and ' / ' and 'feat.', which
 * taggers use when the format has no lists. Commas are left alone ("Crosby, Stills & Nash").
 */
export function splitArtists(values: string[]): string[] {
  return uniq(values.flatMap((v) => v.split(/\s*;\s*|\s+\/\s+|\s+(?:feat\.?|ft\.|featuring)\s+/i)).map((v) => text(v)));
}

function uniq(values: (string | null)[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of values) {
    if (!v || seen.has(v.toLowerCase())) continue;
    seen.add(v.toLowerCase());
    out.push(v);
    if (out.length >= 64) break;
  }
  return out;
}

function int(n: number | undefined | null): number | null {
  return typeof n === 'number' && Number.isFinite(n) && Math.abs(n) < 2 ** 31 ? Math.trunc(n) : null;
}

function finite(n: number | undefined | null): number | null {
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

function codeOf(e: unknown): string {
  return (e as { code?: string } | null)?.code ?? (e instanceof Error ? e.message : String(e));
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').slice(0, 300);
}
