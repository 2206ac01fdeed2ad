/**
 * Library search benchmark: 100,000 synthetic tracks inserted straight into the library
 * tables (through the same FTS triggers as an import), then search-as-you-type latency.
 *
 *   npx tsx bench/library-search.ts [--tracks 100000] [--runs 30]
 *
 * Prints JSON: insert time, and p50/p95/max in milliseconds over every query x run, plus
 * per-query p95. Queries include 1-3 letter prefixes, which are the expensive case.
 *
 * MPD side by side (when `mpd` is installed; `--no-mpd` skips it): the same tracks are
 * written as MPD's text database (no audio files: MPD loads its database without opening
 * them), a private mpd loads it, and the same queries run over its protocol on a TCP socket,
 * alternating with ours query by query. A query of several words becomes MPD's filter
 * `((any contains 'w1') AND (any contains 'w2'))` with `window 0:25`, the nearest to ours
 * (25 songs, every word must match; MPD matches substrings, ours word prefixes). MPD's
 * figures include the socket round trip; `mpd.pingMs` shows what that alone costs.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../desktop/main/src/node/db/database';
import { silentLogger } from '../desktop/main/src/node/logger';
import { LibraryService } from '../desktop/main/src/node/services/library/LibraryService';
import { queryTokens } from '../desktop/main/src/node/services/library/search';
import { mpdAvailable, startMpd, writeMpdDatabase, type MpdSong, type RunningMpd } from './library-mpd';

const WORDS = 'love night blue fire dream heart rain summer city light dance road home gold shadow river star storm moon sky ocean wild heaven angel echo silver winter desire ghost paradise thunder velvet crystal'.split(' ');
const FIRST = 'John Mary Miles Ella Nina Billie Frank Aretha Prince David Joni Bob Stevie Marvin Whitney Kurt Amy Tom Neil Patti'.split(' ');
const LAST = 'Davis Fitzgerald Simone Holiday Sinatra Franklin Bowie Mitchell Dylan Wonder Gaye Houston Cobain Winehouse Waits Young Smith Jones Brown Taylor'.split(' ');
const GENRES = ['Rock', 'Jazz', 'Pop', 'Electronic', 'Classical', 'Hip-Hop', 'Folk', 'Ambient', 'Soul', 'Blues', 'Metal', 'Reggae'];
const QUERIES = ['l', 'lo', 'lov', 'love', 'love ni', 'miles', 'miles da', 'davis blue', 'fitz', 'ella fitzgerald moon', 'jazz', 'elec', 'rain summer city', 'xyzzy', 'thund', 'silver ghost', 'whitney h', 'st', 'ocean wild heav', 'b'];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

class Timings {
  private readonly byQuery = new Map<string, { times: number[]; found: number }>();

  add(q: string, ms: number, found: number): void {
    const e = this.byQuery.get(q) ?? { times: [], found };
    e.times.push(ms);
    e.found = found;
    this.byQuery.set(q, e);
  }

  summary(): { searchMs: { p50: number; p95: number; max: number }; perQuery: Record<string, { p50: number; p95: number; songs: number }> } {
    const all: number[] = [];
    const perQuery: Record<string, { p50: number; p95: number; songs: number }> = {};
    for (const [q, e] of this.byQuery) {
      const t = [...e.times].sort((a, b) => a - b);
      all.push(...t);
      perQuery[q] = { p50: round(percentile(t, 50)), p95: round(percentile(t, 95)), songs: e.found };
    }
    all.sort((a, b) => a - b);
    return { searchMs: { p50: round(percentile(all, 50)), p95: round(percentile(all, 95)), max: round(all.at(-1)!) }, perQuery };
  }
}

const { values } = parseArgs({ options: { tracks: { type: 'string', default: '100000' }, runs: { type: 'string', default: '30' }, 'no-mpd': { type: 'boolean', default: false } } });
const n = Number(values.tracks);
const runs = Number(values.runs);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'encore-bench-search-'));
const db = openDatabase({ path: path.join(dir, 'desktop', 'encore.db') });
const library = new LibraryService({ db, artworkDir: path.join(dir, 'desktop', 'artwork'), log: silentLogger() });
let mpd: RunningMpd | null = null;
try {
  const songs = generateSongs(n);
  const t0 = performance.now();
  db.sqlite.prepare(`INSERT INTO library_folders (id, path, added_at) VALUES (1, '/bench', 0)`).run();
  const insert = db.sqlite.prepare(`INSERT INTO tracks (hash, path, folder_id, dir, size, mtime_ms, format, duration_sec, title, artists, artists_json, album_artist, album, track_no, year, genre, genres_json, lyrics, added_at, updated_at)
    VALUES (?, ?, 1, ?, 1000, 0, 'mp3', 200, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const batch = db.sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const s = songs[i]!;
      const hash = createHash('sha256').update(String(i)).digest('hex');
      insert.run(hash, `/bench/${s.file}`, '', s.title, s.artists.join('; '), JSON.stringify(s.artists), s.albumArtist, s.album, s.track, s.date, s.genre, JSON.stringify([s.genre]), s.lyrics, i, i);
    }
  });
  for (let i = 0; i < n; i += 10_000) batch(i, Math.min(n, i + 10_000));
  const insertSeconds = (performance.now() - t0) / 1000;
  db.sqlite.exec(`INSERT INTO tracks_fts (tracks_fts) VALUES ('optimize'); ANALYZE;`);

  let mpdInfo: { loadSeconds: number; songs: number; peakRssMB: number } | null = null;
  if (!values['no-mpd'] && mpdAvailable()) {
    const mpdDir = path.join(dir, 'mpd');
    writeMpdDatabase(path.join(mpdDir, 'db'), songs);
    const m0 = performance.now();
    mpd = await startMpd({ dir: mpdDir, dbFile: path.join(mpdDir, 'db') });
    const loadSeconds = (performance.now() - m0) / 1000;
    const stats = (await mpd.client.command('stats')).lines.join('\n');
    mpdInfo = { loadSeconds: round(loadSeconds), songs: Number(/songs: (\d+)/.exec(stats)?.[1] ?? 0), peakRssMB: 0 };
    if (mpdInfo.songs !== n) throw new Error(`mpd loaded ${mpdInfo.songs} of ${n} songs from the database`);
  }

  // Warm both: statement cache and page cache here, MPD's first-use allocations there.
  for (const q of QUERIES) {
    library.search(q);
    if (mpd) await mpd.client.command(mpdSearch(q));
  }
  const ours = new Timings();
  const theirs = new Timings();
  const ping = new Timings();
  for (let k = 0; k < runs; k++) {
    for (const q of QUERIES) {
      const s = performance.now();
      const found = library.search(q, 25).songs.length;
      ours.add(q, performance.now() - s, found);
      if (!mpd) continue;
      const m = performance.now();
      const { lines } = await mpd.client.command(mpdSearch(q));
      theirs.add(q, performance.now() - m, lines.filter((l) => l.startsWith('file: ')).length);
      const p = performance.now();
      await mpd.client.command('ping');
      ping.add('ping', performance.now() - p, 0);
    }
  }
  if (mpdInfo && mpd) mpdInfo.peakRssMB = round(mpd.peakRssMB());
  const encore = ours.summary();
  const reference = mpd ? { ...mpdInfo, searchMs: theirs.summary().searchMs, pingMs: ping.summary().searchMs, perQuery: theirs.summary().perQuery } : null;
  const result = {
    tracks: n,
    insertSeconds: round(insertSeconds),
    runs,
    searchMs: encore.searchMs,
    perQuery: encore.perQuery,
    mpd: reference,
    p95VsMpd: reference ? round(encore.searchMs.p95 / reference.searchMs.p95) : null,
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} finally {
  await mpd?.stop();
  await library.dispose();
  db.dispose();
  if (process.env.KEEP_DB) fs.copyFileSync(path.join(dir, 'desktop', 'encore.db'), process.env.KEEP_DB);
  fs.rmSync(dir, { recursive: true, force: true });
}

type BenchSong = MpdSong & { genre: string; lyrics: string | null; date: number; track: number };

/** The synthetic library: seeded, so every run (and both players) see the same 100k songs. */
function generateSongs(count: number): BenchSong[] {
  const r = rng(42);
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)]!;
  const artists = Array.from({ length: 5000 }, (_, i) => `${pick(FIRST)} ${pick(LAST)}${i % 7 === 0 ? '' : ` ${i}`}`);
  return Array.from({ length: count }, (_, i) => {
    const artist = artists[i % artists.length]!;
    const genre = pick(GENRES);
    return {
      file: `${i}.mp3`,
      artists: i % 9 === 0 ? [artist, pick(artists)] : [artist],
      title: Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(WORDS)).join(' '),
      album: `${pick(WORDS)} ${pick(WORDS)}`,
      albumArtist: artist,
      genre,
      lyrics: i % 5 === 0 ? Array.from({ length: 40 }, () => pick(WORDS)).join(' ') : null,
      track: (i % 12) + 1,
      date: 1950 + (i % 75),
      seconds: 200,
    };
  });
}

/** MPD's nearest equivalent of our search: every word matches some tag, first 25 songs. */
function mpdSearch(q: string): string {
  const words = queryTokens(q);
  const terms = words.map((w) => `(any contains '${w}')`);
  const expr = terms.length === 1 ? terms[0]! : `(${terms.join(' AND ')})`;
  return `search "${expr.replace(/["\\]/g, (c) => `\\${c}`)}" window 0:25`;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
