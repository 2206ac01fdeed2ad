/**
 * Library views with downloaded catalog tracks: 100,000 local tracks plus 2,000 catalog tracks
 * (done downloads, migration 0007's `source = 'catalog'` rows), then the host's Songs, Albums,
 * Artists, Genres and search calls, timed. For comparison, the Songs page also runs with the
 * joins the host used before catalog tracks (folders only, no downloads join), on the same rows.
 *
 *   npx tsx bench/library-views.ts [--tracks 100000] [--catalog 2000] [--runs 20]
 *
 * Prints JSON: per call p50/p95 in ms, the old-joins Songs figures, and os.loadavg() (the
 * machine is shared: figures are upper bounds).
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../desktop/main/src/node/db/database';
import { silentLogger } from '../desktop/main/src/node/logger';
import { syncCatalogTracks } from '../desktop/main/src/node/services/downloads/catalogLibrary';
import { LibraryService } from '../desktop/main/src/node/services/library/LibraryService';
import { songOrder } from '../desktop/main/src/node/services/library/trackRow';

const WORDS = 'love night blue fire dream heart rain summer city light dance road home gold shadow river star storm moon sky'.split(' ');
const GENRES = ['Rock', 'Jazz', 'Pop', 'Electronic', 'Classical', 'Ambient', 'Soul', 'Blues'];

const { values } = parseArgs({ options: { tracks: { type: 'string', default: '100000' }, catalog: { type: 'string', default: '2000' }, runs: { type: 'string', default: '20' } } });
const n = Number(values.tracks);
const c = Number(values.catalog);
const runs = Number(values.runs);
const round = (x: number) => Math.round(x * 100) / 100;
const pct = (t: number[], p: number) => [...t].sort((a, b) => a - b)[Math.min(t.length - 1, Math.floor((p / 100) * t.length))]!;

let seed = 7;
const rnd = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
const title = () => `${pick(WORDS)} ${pick(WORDS)}`.replace(/^./, (x) => x.toUpperCase());

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'encore-bench-views-'));
const db = openDatabase({ path: path.join(dir, 'desktop', 'encore.db') });
const library = new LibraryService({ db, artworkDir: path.join(dir, 'desktop', 'artwork'), log: silentLogger() });
try {
  const t0 = performance.now();
  db.sqlite.prepare(`INSERT INTO library_folders (id, path, added_at) VALUES (1, '/bench', 0)`).run();
  const local = db.sqlite.prepare(`INSERT INTO tracks (hash, path, folder_id, dir, size, mtime_ms, format, duration_sec, title, artists, artists_json, album_artist, album, track_no, year, genre, genres_json, added_at, updated_at)
    VALUES (?, ?, 1, '', 1000, 0, 'mp3', 200, ?, ?, ?, ?, ?, ?, 2000, ?, ?, ?, ?)`);
  const dl = db.sqlite.prepare(`INSERT INTO downloads (id, server_url, user_id, track_id, quality, title, artist, album, duration_ms, state, licence_id, offline_until, wrapped_key, codec, size_bytes, received_bytes, meta_json, created_at, updated_at, completed_at)
    VALUES (?, 'https://encore.example', 'u', ?, 'high', ?, ?, ?, 180000, 'done', 'l', ?, x'00', 'opus', 1000, 1000, ?, 0, 0, ?)`);
  db.sqlite.transaction(() => {
    for (let i = 0; i < n; i++) {
      const artist = `Artist ${i % 5000}`;
      const genre = pick(GENRES);
      local.run(createHash('sha256').update(String(i)).digest('hex'), `/bench/${i}.mp3`, title(), artist, JSON.stringify([artist]), artist, `Album ${i % 9000}`, (i % 12) + 1, genre, JSON.stringify([genre]), i, i);
    }
    for (let i = 0; i < c; i++) {
      const artist = `Catalog artist ${i % 200}`;
      dl.run(randomUUID(), randomUUID(), title(), artist, `Catalog album ${i % 300}`, Date.now() + 30 * 86_400_000, JSON.stringify({ trackNumber: (i % 10) + 1, genres: [pick(GENRES)] }), n + i);
    }
  })();
  const sync = syncCatalogTracks(library.sql, Date.now());
  const insertSeconds = (performance.now() - t0) / 1000;
  db.sqlite.exec(`INSERT INTO tracks_fts (tracks_fts) VALUES ('optimize'); ANALYZE;`);

  const calls: Record<string, () => unknown> = {
    'songs title p0': () => library.songs({ sort: 'title', limit: 100 }),
    'songs title p500': () => library.songs({ sort: 'title', offset: 50_000, limit: 100 }),
    'songs artist p0': () => library.songs({ sort: 'artist', limit: 100 }),
    'songs recently added': () => library.songs({ sort: 'addedAt', order: 'desc', limit: 100 }),
    'songs genre filter': () => library.songs({ filter: { genre: 'Jazz' }, limit: 100 }),
    'albums p0': () => library.albums({ limit: 100 }),
    'artists p0': () => library.artists({ limit: 100 }),
    genres: () => library.genres(),
    'search "lo"': () => library.search('lo'),
    'search "catalog art"': () => library.search('catalog art'),
  };
  // The Songs page with the joins of before migration 0007 (folders only), same SELECT list otherwise.
  const oldSelect = `t.id AS rowid, t.hash, t.folder_id, t.path, f.path AS folder_path, t.format, t.codec, t.size, t.duration_sec, t.sample_rate, t.channels,
    t.bitrate, t.title, t.artists_json, t.album_artist, t.album, t.track_no, t.track_of, t.disc_no, t.disc_of, t.year, t.genres_json,
    t.composers_json, t.isrc, t.musicbrainz_json, t.replaygain_json, t.artwork_hash, t.lyrics IS NOT NULL AS has_lyrics, t.added_at,
    coalesce(s.liked, 0) AS liked, coalesce(s.rating, 0) AS rating, coalesce(s.play_count, 0) AS play_count, s.last_played_at`;
  const oldFrom = `tracks t JOIN library_folders f ON f.id = t.folder_id LEFT JOIN track_stats s ON s.hash = t.hash`;
  const oldPage = db.sqlite.prepare(`SELECT ${oldSelect} FROM ${oldFrom} ORDER BY ${songOrder('title', 'asc')} LIMIT 100 OFFSET ?`);
  const oldCount = db.sqlite.prepare(`SELECT count(*) AS n FROM ${oldFrom}`);
  const oldRecent = db.sqlite.prepare(`SELECT ${oldSelect} FROM ${oldFrom} ORDER BY ${songOrder('addedAt', 'desc')} LIMIT 100`);
  const baseline: Record<string, () => unknown> = {
    'songs title p0 (old joins)': () => (oldCount.get(), oldPage.all(0)),
    'songs title p500 (old joins)': () => (oldCount.get(), oldPage.all(50_000)),
    'songs recently added (old joins)': () => (oldCount.get(), oldRecent.all()),
  };

  const measure = (fns: Record<string, () => unknown>) => {
    for (const f of Object.values(fns)) f();
    const out: Record<string, { p50: number; p95: number }> = {};
    for (const [name, f] of Object.entries(fns)) {
      const t: number[] = [];
      for (let k = 0; k < runs; k++) {
        const s = performance.now();
        f();
        t.push(performance.now() - s);
      }
      out[name] = { p50: round(pct(t, 50)), p95: round(pct(t, 95)) };
    }
    return out;
  };
  const loadBefore = os.loadavg();
  const now = measure(calls);
  const old = measure(baseline);
  const syncAgain = (() => {
    const s = performance.now();
    syncCatalogTracks(library.sql, Date.now());
    return round(performance.now() - s);
  })();
  console.log(
    JSON.stringify(
      { tracks: n, catalogTracks: sync.added, insertSeconds: round(insertSeconds), runs, ms: now, baselineMs: old, syncNoChangeMs: syncAgain, loadavg: { before: loadBefore.map(round), after: os.loadavg().map(round) } },
      null,
      2,
    ),
  );
} finally {
  await library.dispose();
  db.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
}
