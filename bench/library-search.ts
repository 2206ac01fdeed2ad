/**
 * Library search benchmark: 100,000 synthetic tracks inserted straight into the library
 * tables (through the same FTS triggers as an import), then search-as-you-type latency.
 *
 *   npx tsx bench/library-search.ts [--tracks 100000] [--runs 30]
 *
 * Prints JSON: insert time, and p50/p95/max in milliseconds over every query x run, plus
 * per-query p95. Queries include 1-3 letter prefixes, which are the expensive case.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../desktop/main/src/node/db/database';
import { silentLogger } from '../desktop/main/src/node/logger';
import { LibraryService } from '../desktop/main/src/node/services/library/LibraryService';

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

const { values } = parseArgs({ options: { tracks: { type: 'string', default: '100000' }, runs: { type: 'string', default: '30' } } });
const n = Number(values.tracks);
const runs = Number(values.runs);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'encore-bench-search-'));
const db = openDatabase({ path: path.join(dir, 'desktop', 'encore.db') });
const library = new LibraryService({ db, artworkDir: path.join(dir, 'desktop', 'artwork'), log: silentLogger() });
try {
  const r = rng(42);
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)]!;
  const t0 = performance.now();
  db.sqlite.prepare(`INSERT INTO library_folders (id, path, added_at) VALUES (1, '/bench', 0)`).run();
  const insert = db.sqlite.prepare(`INSERT INTO tracks (hash, path, folder_id, dir, size, mtime_ms, format, duration_sec, title, artists, artists_json, album_artist, album, track_no, year, genre, genres_json, lyrics, added_at, updated_at)
    VALUES (?, ?, 1, ?, 1000, 0, 'mp3', 200, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const artists = Array.from({ length: 5000 }, (_, i) => `${pick(FIRST)} ${pick(LAST)}${i % 7 === 0 ? '' : ` ${i}`}`);
  const batch = db.sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const artist = artists[i % artists.length]!;
      const feat = i % 9 === 0 ? [artist, pick(artists)] : [artist];
      const title = Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(WORDS)).join(' ');
      const album = `${pick(WORDS)} ${pick(WORDS)}`;
      const genre = pick(GENRES);
      const lyrics = i % 5 === 0 ? Array.from({ length: 40 }, () => pick(WORDS)).join(' ') : null;
      const hash = createHash('sha256').update(String(i)).digest('hex');
      insert.run(hash, `/bench/${i}.mp3`, '', title, feat.join('; '), JSON.stringify(feat), artist, album, (i % 12) + 1, 1950 + (i % 75), genre, JSON.stringify([genre]), lyrics, i, i);
    }
  });
  for (let i = 0; i < n; i += 10_000) batch(i, Math.min(n, i + 10_000));
  const insertSeconds = (performance.now() - t0) / 1000;
  db.sqlite.exec(`INSERT INTO tracks_fts (tracks_fts) VALUES ('optimize'); ANALYZE;`);

  for (const q of QUERIES) library.search(q); // warm the statement cache and page cache
  const all: number[] = [];
  const perQuery: Record<string, { p50: number; p95: number; songs: number }> = {};
  for (const q of QUERIES) {
    const times: number[] = [];
    let songs = 0;
    for (let k = 0; k < runs; k++) {
      const s = performance.now();
      songs = library.search(q, 25).songs.length;
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    all.push(...times);
    perQuery[q] = { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), songs };
  }
  all.sort((a, b) => a - b);
  process.stdout.write(`${JSON.stringify({ tracks: n, insertSeconds: round(insertSeconds), runs, searchMs: { p50: round(percentile(all, 50)), p95: round(percentile(all, 95)), max: round(all.at(-1)!) }, perQuery }, null, 2)}\n`);
} finally {
  await library.dispose();
  db.dispose();
  if (process.env.KEEP_DB) fs.copyFileSync(path.join(dir, 'desktop', 'encore.db'), process.env.KEEP_DB);
  fs.rmSync(dir, { recursive: true, force: true });
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
