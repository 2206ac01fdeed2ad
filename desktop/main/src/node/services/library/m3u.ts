import path from 'node:path';

export interface M3uItem {
  /** As written in the file: relative to the playlist's folder, absolute, or a URL. */
  location: string;
  durationSec: number | null;
  title: string | null;
}

/**
 * Parses M3U/M3U8 (extended or plain). Comments other than #EXTINF are ignored; a BOM and
 * CRLF line ends are accepted.
 *
 * @example
 * parseM3u('#EXTM3U\n#EXTINF:215,Miles Davis - So What\nJazz/so-what.flac');
 * // [{ location: 'Jazz/so-what.flac', durationSec: 215, title: 'Miles Davis - So What' }]
 */
export function parseM3u(text: string): M3uItem[] {
  const items: M3uItem[] = [];
  let info: { durationSec: number | null; title: string | null } | null = null;
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    if (line.startsWith('#')) {
      const m = /^#EXTINF:\s*(-?\d+(?:\.\d+)?)[^,]*,(.*)$/.exec(line);
      if (m) info = { durationSec: Number(m[1]) >= 0 ? Number(m[1]) : null, title: m[2]!.trim() || null };
      continue;
    }
    items.push({ location: line, durationSec: info?.durationSec ?? null, title: info?.title ?? null });
    info = null;
  }
  return items;
}

/** Resolves an entry against the playlist's folder; null for URLs (not library files). */
export function resolveM3uLocation(location: string, playlistFile: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location) && !location.startsWith('file://')) return null;
  const p = location.startsWith('file://') ? decodeURIComponent(new URL(location).pathname) : location.replace(/\\/g, '/');
  return path.resolve(path.dirname(playlistFile), p);
}

export interface M3uWriteItem {
  path: string;
  durationSec: number | null;
  artists: string[];
  title: string;
}

/** Writes extended M3U8 with paths relative to the playlist file, '/'-separated (portable). */
export function formatM3u(items: readonly M3uWriteItem[], playlistFile: string, name: string): string {
  const base = path.dirname(playlistFile);
  const lines = ['#EXTM3U', `#PLAYLIST:${oneLine(name)}`];
  for (const it of items) {
    const secs = it.durationSec === null ? -1 : Math.round(it.durationSec);
    const label = it.artists.length > 0 ? `${it.artists.join(', ')} - ${it.title}` : it.title;
    lines.push(`#EXTINF:${secs},${oneLine(label)}`);
    lines.push(path.relative(base, it.path).split(path.sep).join('/'));
  }
  return `${lines.join('\n')}\n`;
}

function oneLine(s: string): string {
  return s.replace(/[\r\n]+/g, ' ');
}
