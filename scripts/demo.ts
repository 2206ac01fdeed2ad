/**
 * `npm run demo [-- --tracks N]`: fills an EMPTY server (the database `npm start` uses: embedded
 * PGlite in the data folder, or DATABASE_URL) with a demo catalog: artists, albums with
 * generated cover art, synthesised songs published through the real pipeline (chunked upload,
 * publish, processing), listeners (one premium), an admin, and a few plays. Does nothing if
 * the server already has accounts. Stop `npm start` first when it runs on PGlite (one process
 * may open an embedded database).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { count, eq } from 'drizzle-orm';
import { pino } from 'pino';
import { loadConfig } from '../sync-server/src/config';
import { openDatabase } from '../sync-server/src/db/database';
import { artists, tracks } from '../sync-server/src/db/schema/catalog';
import { users } from '../sync-server/src/db/schema/users';
import { startServer } from '../sync-server/src/server';
import { DemoClient } from './demo/client';
import { DEMO_ARTISTS } from './demo/plan';
import { encodeWavMono, synthesiseSong } from './demo/synth';

const run = promisify(execFile);
const RATE = 22_050;
const PASSWORD = 'encore-demo-2024';
const say = (s: string) => process.stdout.write(`${s}\n`);

function parseArgs(argv: string[]): { tracks: number } {
  const i = argv.indexOf('--tracks');
  const n = i >= 0 ? Number(argv[i + 1]) : 28;
  if (!Number.isInteger(n) || n < 1 || n > 200) throw new Error('--tracks takes a whole number from 1 to 200');
  return { tracks: n };
}

async function main(): Promise<void> {
  const { tracks: wanted } = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  say(`Encore demo: ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded database in ${config.pgliteDir}`}`);
  let database;
  try {
    database = await openDatabase(config.databaseUrl ? { driver: 'postgres', url: config.databaseUrl } : { driver: 'pglite', dir: config.pgliteDir });
  } catch (e) {
    throw new Error(`Could not open the database (is \`npm start\` running on it? Stop it first): ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    await database.migrate();
    const [u] = await database.db.select({ n: count() }).from(users);
    const [t] = await database.db.select({ n: count() }).from(tracks);
    if ((u?.n ?? 0) > 0 || (t?.n ?? 0) > 0) {
      say(`The server already has data (${u?.n ?? 0} accounts, ${t?.n ?? 0} tracks): the demo only fills an empty server. Nothing changed.`);
      return;
    }
    const adminEmail = 'admin@demo.encore.example';
    // The demo's own server, on loopback for the length of the run: the operator creates the
    // demo accounts, so the public per-IP sign-up limit (shared through Redis) does not apply.
    const rateLimits = { ...config.rateLimits, registerPerIp: { limit: 1_000, windowMs: config.rateLimits.registerPerIp.windowMs } };
    const server = await startServer({ config: { ...config, port: 0, host: '127.0.0.1', adminEmails: [...config.adminEmails, adminEmail], rateLimits }, logger: pino({ level: process.env.LOG_LEVEL ?? 'error' }), database });
    try {
      await fill(new DemoClient(server.url), database.db, wanted, adminEmail);
    } finally {
      await server.close();
    }
  } finally {
    await database.close();
  }
}

async function fill(api: DemoClient, db: Parameters<typeof setPremium>[0], wanted: number, adminEmail: string): Promise<void> {
  const started = Date.now();
  const work = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'encore-demo-'));
  const published: { id: string; token: string; title: string }[] = [];
  const accounts: [string, string, string][] = [];
  try {
    await api.register('admin', adminEmail, PASSWORD, 'listener');
    accounts.push(['admin', adminEmail, 'admin']);
    let seed = 1;
    for (const artist of DEMO_ARTISTS) {
      if (published.length >= wanted) break;
      const email = `${artist.username}@demo.encore.example`;
      const { accessToken: token } = await api.register(artist.username, email, PASSWORD, 'artist');
      accounts.push([artist.username, email, 'artist']);
      for (const albumPlan of artist.albums) {
        if (published.length >= wanted) break;
        const album = await api.createAlbum(token, { title: albumPlan.title, albumType: albumPlan.albumType, genres: albumPlan.genres });
        const coverFile = path.join(work, `cover-${album.id}.png`);
        await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', albumPlan.cover, '-frames:v', '1', coverFile]);
        await api.setAlbumCover(token, album.id, await api.uploadCover(token, await fs.promises.readFile(coverFile)));
        for (const song of albumPlan.songs) {
          if (published.length >= wanted) break;
          const seconds = 20 + (seed % 4) * 3;
          const wav = encodeWavMono(synthesiseSong({ ...song.spec, seconds, seed }, RATE), RATE);
          const up = await api.uploadMaster(token, wav, `${song.title}.wav`);
          const track = await api.publish(token, { uploadId: up.id, title: song.title, albumId: album.id, genres: albumPlan.genres, tags: ['demo'], price: 99, allowPurchase: true });
          published.push({ id: track.id, token, title: song.title });
          say(`[${published.length}/${wanted}] uploaded "${song.title}" by ${artist.username} (${seconds} s), processing…`);
          seed++;
        }
      }
      await db.update(artists).set({ bio: artist.bio }).where(eq(artists.name, artist.username));
    }
    await waitForProcessing(api, published);
    const listener = await api.register('listener', 'listener@demo.encore.example', PASSWORD, 'listener');
    const premium = await api.register('premium', 'premium@demo.encore.example', PASSWORD, 'listener');
    await setPremium(db, premium.user.id);
    accounts.push(['listener', 'listener@demo.encore.example', 'listener (free)'], ['premium', 'premium@demo.encore.example', 'listener (premium)']);
    // A few plays, so popularity (artist pages, search ties) has something to rank.
    for (const [i, t] of published.entries()) {
      for (let p = 0; p < (published.length - i) % 5; p++) await api.play(p % 2 ? listener.accessToken : premium.accessToken, t.id, `demo-play-${i}-${p}`, 45_000);
    }
    say(`\nDemo catalog ready in ${((Date.now() - started) / 1000).toFixed(0)} s: ${published.length} tracks by ${new Set(published.map((p) => p.token)).size} artists.`);
    say(`Accounts (password for all: ${PASSWORD}):`);
    for (const [name, email, role] of accounts) say(`  ${name.padEnd(22)} ${email.padEnd(44)} ${role}`);
  } finally {
    await fs.promises.rm(work, { recursive: true, force: true });
  }
}

async function waitForProcessing(api: DemoClient, published: { id: string; token: string; title: string }[]): Promise<void> {
  let lastReported = -1;
  for (;;) {
    const states = await Promise.all(published.map((t) => api.processing(t.token, t.id)));
    const failed = states.filter((s) => s.status === 'failed');
    if (failed.length > 0) throw new Error(`Processing failed: ${failed.map((f) => `${f.trackId}: ${f.error}`).join('; ')}`);
    const ready = states.filter((s) => s.status === 'ready').length;
    if (ready !== lastReported) say(`processing: ${ready}/${published.length} tracks ready`);
    lastReported = ready;
    if (ready === published.length) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

async function setPremium(db: Awaited<ReturnType<typeof openDatabase>>['db'], userId: string): Promise<void> {
  const year = new Date(Date.now() + 365 * 24 * 3_600_000);
  await db.update(users).set({ subscriptionTier: 'premium', subscriptionExpiry: year }).where(eq(users.id, userId));
}

main().catch((e: unknown) => {
  // fetch hides the socket error in `cause`.
  const cause = e instanceof Error && e.cause instanceof Error ? ` (${e.cause.message})` : '';
  process.stderr.write(`demo failed: ${e instanceof Error ? e.message : String(e)}${cause}\n`);
  process.exit(1);
});
