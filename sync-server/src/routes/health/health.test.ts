import { expect, it } from 'vitest';
import { expectError } from '../../test/accounts';
import { scratchDatabase } from '../../test/databases';
import { testApp } from '../../test/harness';

it('GET /health is 200 with the database up and a 503 envelope once it is down', async () => {
  const scratch = await scratchDatabase('pglite');
  const t = testApp(scratch.handle);
  const up = await t.call('GET', '/health');
  expect(up.status).toBe(200);
  expect(await up.json()).toEqual({ status: 'ok', database: 'up' });
  await scratch.dispose();
  const err = await expectError(await t.call('GET', '/health'), 503, 'SERVICE_UNAVAILABLE');
  expect(err.details).toEqual({ database: 'down' });
});
