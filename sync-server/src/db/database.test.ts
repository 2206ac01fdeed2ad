import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseKinds, scratchDatabase, type ScratchDatabase } from '../test/databases';

const EXPECTED_TABLES = [
  'album_ratings',
  'album_saves',
  'albums',
  'api_keys',
  'artist_follows',
  'artists',
  'auth_sessions',
  'collab_playlist_members',
  'collab_playlists',
  'covers',
  'devices',
  'doc_snapshots',
  'doc_updates',
  'doc_versions',
  'email_verification_tokens',
  'moderation_decisions',
  'offline_licences',
  'password_reset_tokens',
  'play_events',
  'playlist_entries',
  'playlists',
  'project_blob_orphans',
  'project_blobs',
  'project_invites',
  'project_members',
  'refresh_tokens',
  'renditions',
  'search_words',
  'studio_projects',
  'track_likes',
  'track_ratings',
  'tracks',
  'upload_chunks',
  'uploads',
  'users',
];

for (const kind of databaseKinds()) {
  describe(`migrations [${kind}]`, () => {
    let scratch: ScratchDatabase | undefined;
    afterAll(async () => {
      await scratch?.dispose();
    });

    it('apply on an empty database, and re-running them is a no-op', async () => {
      scratch = await scratchDatabase(kind, { migrate: false });
      const { handle } = scratch;
      const tables = async () =>
        ((await handle.db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`)) as unknown as { rows?: { table_name: string }[] } & { table_name: string }[]);
      const names = async () => {
        const r = await tables();
        return (r.rows ?? [...r]).map((x) => x.table_name);
      };
      expect(await names()).toEqual([]);
      await handle.migrate();
      expect(await names()).toEqual(EXPECTED_TABLES);
      const applied = async () => {
        const r = (await handle.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)) as unknown as { rows?: { n: number }[] } & { n: number }[];
        return (r.rows ?? [...r])[0]?.n;
      };
      const once = await applied();
      expect(once).toBeGreaterThan(0);
      await handle.migrate();
      expect(await applied()).toBe(once);
      expect(await names()).toEqual(EXPECTED_TABLES);
      // The constraints the code relies on exist on both engines.
      await handle.db.execute(sql`insert into users (email, username, password_hash, profile, preferences, statistics) values ('a@x.io', 'Ann', 'h', '{}', '{}', '{}')`);
      await expect(handle.db.execute(sql`insert into users (email, username, password_hash, profile, preferences, statistics) values ('b@x.io', 'ANN', 'h', '{}', '{}', '{}')`)).rejects.toThrow();
      await expect(handle.db.execute(sql`insert into users (email, username, password_hash, profile, preferences, statistics) values ('C@x.io', 'cat', 'h', '{}', '{}', '{}')`)).rejects.toThrow();
      await expect(handle.db.execute(sql`insert into users (email, username, password_hash, role, profile, preferences, statistics) values ('d@x.io', 'dan', 'h', 'root', '{}', '{}', '{}')`)).rejects.toThrow();
      // Catalog search relies on pg_trgm on both engines.
      const sim = (await handle.db.execute(sql`select similarity('midnight', 'midnigt') > 0.3 as ok`)) as unknown as { rows?: { ok: boolean }[] } & { ok: boolean }[];
      expect((sim.rows ?? [...sim])[0]?.ok).toBe(true);
    });
  });
}
