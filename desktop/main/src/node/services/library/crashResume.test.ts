import { spawn } from 'node:child_process';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { libraryHarness, type Harness } from './testing/libraryHarness';

const CHILD = path.join(import.meta.dirname, 'testing', 'scanChild.ts');
const COUNT = 24;

describe('LibraryService: kill -9 during an import, then resume', () => {
  let h: Harness;

  beforeAll(async () => {
    h = libraryHarness();
    fs.mkdirSync(h.music, { recursive: true });
    // One ffmpeg run writes every file (distinct tones and titles): fast, and all real WAVs.
    const args = ['-v', 'error', '-y'];
    for (let i = 0; i < COUNT; i++) args.push('-f', 'lavfi', '-i', `sine=frequency=${200 + i * 10}:sample_rate=8000:duration=0.2`);
    for (let i = 0; i < COUNT; i++) args.push('-map', `${i}:a`, '-metadata', `title=Crash Song ${i}`, '-metadata', 'artist=Crash', '-c:a', 'pcm_s16le', path.join(h.music, `song-${String(i).padStart(2, '0')}.wav`));
    await promisify(execFile)('ffmpeg', args);
  }, 60_000);
  afterAll(() => h.dispose());

  it('leaves an intact database that a new scan completes without duplicates', { timeout: 180_000 }, async () => {
    // The harness has the database open too (WAL allows it); the child writes, we only read later.
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, h.dataDir, h.music], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        // Kill once two batches are committed: well inside the import.
        if (/"processed":[6-9]/.test(out) && !child.killed) child.kill('SIGKILL');
      });
      child.on('exit', () => resolve());
      child.on('error', reject);
    });
    expect(out).not.toContain('done');
    expect(child.signalCode).toBe('SIGKILL');

    expect(h.db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    const partial = h.library.stats().tracks;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(COUNT);
    expect(h.library.interruptedScan()).toBe(true);

    const s = await h.library.scan();
    expect(s.resumed).toBe(true);
    expect(s.unchanged).toBe(partial);
    expect(s.added).toBe(COUNT - partial);
    expect(h.library.interruptedScan()).toBe(false);
    const counts = h.db.sqlite.prepare('SELECT count(*) AS n, count(DISTINCT path) AS paths, count(DISTINCT hash) AS hashes FROM tracks').get();
    expect(counts).toEqual({ n: COUNT, paths: COUNT, hashes: COUNT });
    expect(h.db.sqlite.prepare(`SELECT count(*) FROM tracks_fts WHERE tracks_fts MATCH '"crash"*'`).pluck().get()).toBe(COUNT);
    h.db.sqlite.exec(`INSERT INTO tracks_fts (tracks_fts) VALUES ('integrity-check')`);
    expect(h.db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
