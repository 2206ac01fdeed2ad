import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { defaultDataDir } from '@encore/shared/dataDir';
import { EncoreError } from '@encore/shared/errors';
import type { ScanSummary } from '@encore/shared/host/library';
import type { LibraryService } from '../node/services/library/LibraryService';
import type { Command, CommandContext } from './commands';

const Args = z.discriminatedUnion('sub', [
  z.object({ sub: z.literal('add'), dir: z.string().min(1) }),
  z.object({ sub: z.literal('scan') }),
  z.object({ sub: z.literal('search'), query: z.string().max(200) }),
  z.object({ sub: z.literal('stats') }),
]);

const USAGE = 'usage: encore library add <dir> | scan | search <query> | stats  [--json] [--data <dir>]';

function parseArgs(args: string[]): z.infer<typeof Args> {
  const [sub, ...rest] = args;
  const parsed = Args.safeParse({ sub, dir: rest[0], query: rest.join(' ') });
  if (!parsed.success) throw new EncoreError('BAD_REQUEST', USAGE);
  return parsed.data;
}

/** Opens the library of a data folder for one command (no watcher) and closes it after. */
async function withLibrary<T>(ctx: CommandContext, fn: (l: LibraryService) => Promise<T>): Promise<T> {
  const dataDir = resolve(ctx.data ?? defaultDataDir({ env: process.env, platform: process.platform, home: homedir() }));
  // Loaded here, not at the top: every other command (a render) starts without the database and the library's readers.
  const [{ openDatabase }, { silentLogger }, { LibraryService }] = await Promise.all([import('../node/db/database'), import('../node/logger'), import('../node/services/library/LibraryService')]);
  const db = openDatabase({ path: join(dataDir, 'desktop', 'encore.db') });
  const library = new LibraryService({ db, artworkDir: join(dataDir, 'desktop', 'artwork'), log: silentLogger() });
  try {
    return await fn(library);
  } finally {
    await library.dispose();
    db.dispose();
  }
}

function scanLine(s: ScanSummary): string {
  const skipped = s.skippedDirs.map((d) => `\n  skipped ${d.path}: ${d.reason}`).join('');
  return `${s.added} added, ${s.updated} updated, ${s.moved} moved, ${s.removed} removed, ${s.unchanged} unchanged, ${s.bad} bad files in ${s.seconds.toFixed(2)} s${s.resumed ? ' (resumed an interrupted scan)' : ''}${skipped}\n`;
}

/**
 * `encore library`: add a folder and import it, rescan, search, show statistics.
 *
 * @example
 * encore library add ~/Music --json   // {"folder":{...},"scan":{"added":812,...}}
 * encore library search "miles so" --json
 */
export const libraryCommand: Command = {
  summary: 'music library: add <dir>, scan, search <query>, stats',
  async run(ctx) {
    const a = parseArgs(ctx.args);
    const print = (value: unknown, text: string) => ctx.out(ctx.json ? `${JSON.stringify(value)}\n` : text);
    await withLibrary(ctx, async (library) => {
      const progress = (p: { processed: number; found: number }) => {
        if (!ctx.json && process.stderr.isTTY) process.stderr.write(`\rscanning: ${p.processed}/${p.found}`);
      };
      library.onProgress(progress);
      switch (a.sub) {
        case 'add': {
          const folder = library.addFolder(a.dir);
          const scan = await library.scan(folder.id);
          print({ folder: library.folders().find((f) => f.id === folder.id), scan }, `added ${folder.path}\n${scanLine(scan)}`);
          break;
        }
        case 'scan': {
          const scan = await library.scan();
          print(scan, scanLine(scan));
          break;
        }
        case 'search': {
          const r = library.search(a.query, 25);
          const lines = [
            ...r.songs.map((t) => `song    ${t.title} — ${t.artists.join(', ') || 'unknown artist'}${t.album ? ` (${t.album})` : ''}`),
            ...r.albums.map((al) => `album   ${al.album}${al.albumArtist ? ` — ${al.albumArtist}` : ''}`),
            ...r.artists.map((ar) => `artist  ${ar.name} (${ar.trackCount} tracks)`),
          ];
          print(r, lines.length ? `${lines.join('\n')}\n` : 'no results\n');
          break;
        }
        case 'stats': {
          const s = library.stats();
          const formats = Object.entries(s.formats).map(([f, n]) => `${f} ${n}`).join(', ');
          print(s, `${s.tracks} tracks, ${s.albums} albums, ${s.artists} artists, ${s.genres} genres in ${s.folders} folders\n${(s.totalDurationSec / 3600).toFixed(1)} h, ${(s.totalBytes / 1e6).toFixed(1)} MB; ${formats || 'no files'}; ${s.badFiles} bad files\n`);
          break;
        }
      }
    });
  },
};
