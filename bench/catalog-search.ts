/**
 * Catalog search benchmark: 100,000 released tracks by 2,000 artists inserted straight into
 * PostgreSQL (no processing: rows in bulk; the search dictionary fills through its triggers),
 * then the server's own search (typo correction through the `search_words` dictionary, full
 * text, artists by pg_trgm, ranked by relevance then plays, with the track details the API
 * returns) and prefix autocomplete, timed in-process (no HTTP).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/catalog-search.ts [--tracks 100000] [--runs 20]
 *
 * Works on a scratch database created on that server and dropped at the end. Prints JSON:
 * insert seconds, and p50/p95/max milliseconds of search (exact words, typos, several words)
 * and of autocomplete, over every query × run, the load average, and the CPU milliseconds a
 * search costs the client and the database. Target: search p95 < 20 ms.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openDatabase } from '../sync-server/src/db/database';
import { artists, tracks } from '../sync-server/src/db/schema/catalog';
import { users } from '../sync-server/src/db/schema/users';
import { rowsOf } from '../sync-server/src/services/catalog/browse';
import { autocomplete, search } from '../sync-server/src/services/catalog/search';

const WORDS =
  'love night blue fire dream heart rain summer city light dance road home gold shadow river star storm moon sky ocean wild heaven angel echo silver winter desire ghost paradise thunder velvet crystal midnight drive harbour neon paper kite ember fjord snow ash garden window coffee static bloom horizon chrome train lights tide tape'.split(' ');
const NAMES = 'nova kestrel aurora cranes tide collective lights velvet echo river harbour ember static paper lunar solar cobalt amber scarlet indigo'.split(' ');
const SEARCHES = ['midnight', 'midnigt drive', 'harbor lights', 'neon', 'silvr ghost', 'paper kite', 'thunder', 'ocean wild', 'crystl', 'velvet moon', 'nova', 'kestrel echo', 'emberr', 'summer city light', 'xyzzy'];
const PREFIXES = ['mi', 'midn', 'har', 'neon h', 'pa', 'sil', 'thu', 'velv', 'no', 'ec'];

const { values } = parseArgs({ options: { tracks: { type: 'string', default: '100000' }, runs: { type: 'string', default: '20' } } });
const TRACKS = Number(values.tracks);
const RUNS = Number(values.runs);
const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}
const pick = <T>(r: () => number, xs: T[]) => xs[Math.floor(r() * xs.length)]!;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 100) / 100;
};
const stats = (xs: number[]) => ({ p50Ms: pct(xs, 50), p95Ms: pct(xs, 95), maxMs: pct(xs, 100), samples: xs.length });

async function main(): Promise<void> {
  const name = `encore_bench_search_${randomBytes(4).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const dbUrl = url.replace(/\/[^/]*$/, `/${name}`);
  const handle = await openDatabase({ driver: 'postgres', url: dbUrl });
  try {
    await handle.migrate();
    const db = handle.db;
    const r = rng(42);
    const now = new Date();
    const started = performance.now();
    const artistCount = Math.max(1, Math.round(TRACKS / 50));
    const artistIds: string[] = [];
    for (let i = 0; i < artistCount; i += 1000) {
      const batch = Array.from({ length: Math.min(1000, artistCount - i) }, (_, k) => ({ email: `a${i + k}@bench.example`, username: `artist${i + k}`, passwordHash: 'x', profile: {}, preferences: {}, statistics: {} }));
      const us = await db.insert(users).values(batch as never).returning({ id: users.id });
      const as = await db
        .insert(artists)
        .values(us.map((u, k) => ({ userId: u.id, name: `${pick(r, NAMES)} ${pick(r, NAMES)} ${i + k}`, createdAt: now, updatedAt: now })))
        .returning({ id: artists.id });
      artistIds.push(...as.map((a) => a.id));
    }
    for (let i = 0; i < TRACKS; i += 5000) {
      const batch = Array.from({ length: Math.min(5000, TRACKS - i) }, () => {
        const words = Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(r, WORDS));
        const title = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' ');
        const released = new Date(now.getTime() - Math.floor(r() * 3e10));
        return { artistId: pick(r, artistIds), title, genres: [pick(r, ['Pop', 'Rock', 'Ambient', 'Synthwave', 'Jazz'])], durationMs: 180_000, status: 'ready' as const, moderation: 'approved' as const, sourceSha256: '0'.repeat(64), playCount: Math.floor(r() ** 3 * 100_000), releasedAt: released, createdAt: released, updatedAt: released };
      });
      await db.insert(tracks).values(batch);
    }
    await db.execute(sql`analyze`);
    const insertSeconds = (performance.now() - started) / 1000;

    for (const q of SEARCHES) await search(db, q, 20);
    const searchMs: number[] = [];
    const perQuery: Record<string, number[]> = {};
    const completeMs: number[] = [];
    let hits = 0;
    for (let run = 0; run < RUNS; run++) {
      for (const q of SEARCHES) {
        const t0 = performance.now();
        const res = await search(db, q, 20);
        const ms = performance.now() - t0;
        searchMs.push(ms);
        (perQuery[q] ??= []).push(ms);
        if (run === 0 && res.tracks.length > 0) hits++;
      }
      for (const q of PREFIXES) {
        const t0 = performance.now();
        await autocomplete(db, q, 10);
        completeMs.push(performance.now() - t0);
      }
    }
    // CPU per search, which other work on the machine inflates far less than wall time: this
    // process plus the server backends of the bench database (read from /proc, so only for a
    // server on this Linux machine; null elsewhere). Ticks are 10 ms: summed over every run.
    const backendTicks = async (): Promise<number | null> => {
      try {
        const pids = rowsOf<{ pid: number }>(await db.execute(sql`select pid from pg_stat_activity where datname = current_database() and backend_type = 'client backend'`));
        return pids.reduce((sum, { pid }) => {
          const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
          return sum + Number(fields[11]) + Number(fields[12]);
        }, 0);
      } catch {
        return null;
      }
    };
    await Promise.all(SEARCHES.map((q) => search(db, q, 20))); // opens the pool's connections before counting
    const ticks0 = await backendTicks();
    const cpu0 = process.cpuUsage();
    for (let run = 0; run < RUNS; run++) for (const q of SEARCHES) await search(db, q, 20);
    const cpu = process.cpuUsage(cpu0);
    const ticks1 = await backendTicks();
    const samples = RUNS * SEARCHES.length;
    const round = (x: number) => Math.round(x * 100) / 100;
    const cpuMsPerSearch = { client: round((cpu.user + cpu.system) / 1000 / samples), database: ticks0 === null || ticks1 === null ? null : round(((ticks1 - ticks0) * 10) / samples) };

    const result = {
      bench: 'catalog-search',
      database: 'postgresql',
      tracks: TRACKS,
      artists: artistCount,
      insertSeconds: Math.round(insertSeconds * 10) / 10,
      // The machine's load when the timed runs ended: figures measured under load are upper bounds.
      loadAverage: os.loadavg().map((x) => Math.round(x * 10) / 10),
      search: { ...stats(searchMs), queriesWithHits: `${hits}/${SEARCHES.length}`, targetP95Ms: 20, cpuMsPerSearch },
      autocomplete: stats(completeMs),
      perQueryP95Ms: Object.fromEntries(Object.entries(perQuery).map(([q, xs]) => [q, pct(xs, 95)])),
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await handle.close();
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
