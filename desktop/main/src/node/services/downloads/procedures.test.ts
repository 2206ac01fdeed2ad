import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DeviceClientId } from '@encore/shared/api/licences';
import { HostEventBus } from '../../../common/hostEventBus';
import { openDatabase } from '../../db/database';
import { tempDir } from '../../db/testing';
import { silentLogger } from '../../logger';
import { DownloadsService } from './DownloadsService';
import { createDownloadsProcedures } from './procedures';

describe('downloads.thisDevice', () => {
  const scratch = tempDir('encore-this-device-');
  const open = () => {
    const db = openDatabase({ path: path.join(scratch.dir, 'encore.db') });
    const svc = new DownloadsService({ db, events: new HostEventBus(), desktopDir: scratch.dir, syncServerUrl: () => 'http://127.0.0.1:9', session: async () => ({ state: 'signed-out' }), log: silentLogger() });
    return { db, svc, procedures: createDownloadsProcedures(svc) };
  };
  afterAll(() => scratch.cleanup());

  it('is the install id the device registers under, made once and kept across restarts', async () => {
    const first = open();
    const { clientId } = await first.procedures['downloads.thisDevice']();
    expect(DeviceClientId.safeParse(clientId).success).toBe(true);
    expect((await first.procedures['downloads.thisDevice']()).clientId).toBe(clientId);
    await first.svc.dispose();
    first.db.dispose();

    const again = open();
    expect((await again.procedures['downloads.thisDevice']()).clientId).toBe(clientId);
    await again.svc.dispose();
    again.db.dispose();
  });
});
