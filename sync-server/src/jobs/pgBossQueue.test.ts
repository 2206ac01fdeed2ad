import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { pino } from 'pino';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProcessingStatus } from '@encore/shared/api/catalog';
import { testServices } from '../../../scripts/test-env';
import { sineWav } from '../test/audio';
import { artistAccount, CATALOG_RETRY, catalogApp, publish } from '../test/catalog';
import { scratchDatabase, type ScratchDatabase } from '../test/databases';
import { PgBossQueue } from './pgBossQueue';

const url = testServices().databaseUrl;

// pg-boss needs a real PostgreSQL (PGlite runs the same jobs through the in-process queue).
if (url) {
  describe('pg-boss job queue [postgres]', () => {
    const schema = `pgboss_t_${randomBytes(4).toString('hex')}`;
    let scratch: ScratchDatabase;
    let queue: PgBossQueue;
    let tmp: string;
    beforeAll(async () => {
      scratch = await scratchDatabase('postgres');
      queue = await PgBossQueue.start(url, pino({ level: 'silent' }), CATALOG_RETRY, schema);
      tmp = await fs.promises.mkdtemp('/tmp/encore-wav-');
    });
    afterAll(async () => {
      await queue.close();
      await scratch.dispose();
      await fs.promises.rm(tmp, { recursive: true, force: true });
      const admin = postgres(url, { max: 1, onnotice: () => undefined });
      await admin.unsafe(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    });

    it('retries a failing handler up to the limit', async () => {
      const seen: number[] = [];
      await queue.work<{ n: number }>('test.flaky', async ({ n }) => {
        seen.push(n);
        if (seen.length < 2) throw new Error('first attempt fails');
        await Promise.resolve();
      });
      await queue.send('test.flaky', { n: 7 });
      await queue.idle();
      expect(seen).toEqual([7, 7]);
    });

    it('runs the track processing job to ready', async () => {
      const { t, dispose } = await catalogApp(scratch.handle, queue);
      try {
        const ada = await artistAccount(t);
        const track = await publish(t, ada.accessToken, await sineWav(tmp, 2), { title: 'Boss Track' });
        expect(track.status).toBe('ready');
        expect(track.renditions).toHaveLength(4);
        const status = ProcessingStatus.parse(await (await t.call('GET', `/api/tracks/${track.id}/processing`, { token: ada.accessToken })).json());
        expect(status).toMatchObject({ stage: 'done', progress: 100, attempts: 1 });
      } finally {
        await dispose();
      }
    }, 60_000);
  });
}
