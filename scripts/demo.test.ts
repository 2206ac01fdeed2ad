import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { and, count, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../sync-server/src/db/database';
import { albums, tracks } from '../sync-server/src/db/schema/catalog';
import { covers } from '../sync-server/src/db/schema/catalogReleases';
import { users } from '../sync-server/src/db/schema/users';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
let dir: string;
beforeAll(async () => {
  dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'encore-demo-test-'));
});
afterAll(() => fs.promises.rm(dir, { recursive: true, force: true }));

const demo = () => run(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(root, 'scripts', 'demo.ts'), '--tracks', '2'], { cwd: root, env: { ...process.env, ENCORE_DATA_DIR: dir, BCRYPT_COST: '4', DATABASE_URL: '' }, maxBuffer: 4 * 1024 * 1024 });

it(
  'fills an empty embedded server through the publish pipeline, then refuses to touch it again',
  async () => {
    const first = await demo();
    expect(first.stdout).toMatch(/Demo catalog ready in \d+ s: 2 tracks by 1 artists/);
    expect(first.stdout).toMatch(/premium@demo\.encore\.example/);
    const second = await demo();
    expect(second.stdout).toMatch(/already has data \(4 accounts, 2 tracks\).*Nothing changed/);

    const db = await openDatabase({ driver: 'pglite', dir: path.join(dir, 'server', 'pglite') });
    try {
      const ready = await db.db.select().from(tracks).where(and(eq(tracks.status, 'ready'), eq(tracks.moderation, 'approved')));
      expect(ready).toHaveLength(2);
      for (const t of ready) {
        expect(t.bpm, t.title).not.toBeNull();
        expect(t.musicalKey, t.title).not.toBeNull();
        expect(t.durationMs).toBeGreaterThan(15_000);
        expect(t.trackNumber).not.toBeNull();
      }
      expect((await db.db.select({ n: count() }).from(albums).where(isNotNull(albums.coverId)))[0]?.n).toBe(1);
      expect((await db.db.select({ n: count() }).from(covers))[0]?.n).toBe(1);
      const roles = (await db.db.select({ role: users.role, tier: users.subscriptionTier }).from(users)).map((u) => `${u.role}/${u.tier}`).sort();
      expect(roles).toEqual(['admin/free', 'artist/free', 'listener/free', 'listener/premium']);
    } finally {
      await db.close();
    }
  },
  600_000,
);
