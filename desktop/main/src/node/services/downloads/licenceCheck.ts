import fs from 'node:fs';
import type { RevocationReason } from '@encore/shared/api/licences';
import { fileOf, type DownloadsContext } from './context';
import { withDevice } from './devices';

const REASONS: Record<RevocationReason | 'unknown', string> = {
  device_removed: 'This computer was removed from your devices',
  entitlement_ended: 'Your plan no longer includes this download',
  track_unavailable: 'The track is no longer available',
  released: 'The licence was released',
  unknown: 'The server no longer knows this licence',
};

/**
 * The online check of every licence the signed-in account holds on this install: the server
 * renews each still entitled one for another 30 days offline, and for each revoked one the key
 * and the file are deleted here at once (the row stays, marked revoked with the reason).
 *
 * @example
 * const { renewed, revoked } = await checkLicences(ctx); // when connectivity comes back
 */
export async function checkLicences(ctx: DownloadsContext): Promise<{ renewed: number; revoked: number; ids: string[] }> {
  const a = await ctx.auth();
  if (!a) return { renewed: 0, revoked: 0, ids: [] };
  const rows = ctx.sql.read((r) =>
    r.all<{ id: string; licence_id: string }>(`SELECT id, licence_id FROM downloads WHERE server_url = ? AND user_id = ? AND licence_id IS NOT NULL AND state <> 'revoked'`, [a.serverUrl, a.userId]),
  );
  let renewed = 0;
  let revoked = 0;
  for (let i = 0; i < rows.length; i += 500) {
    const batch = rows.slice(i, i + 500);
    const byLicence = new Map(batch.map((r) => [r.licence_id, r.id]));
    const { results } = await withDevice(ctx, a, (deviceId) => ctx.api.renew(a, deviceId, [...byLicence.keys()]));
    for (const res of results) {
      const id = byLicence.get(res.id);
      if (!id) continue;
      if (res.status === 'active') {
        ctx.sql.write((w) => w.run('UPDATE downloads SET offline_until = ?, updated_at = ? WHERE id = ?', [Date.parse(res.offlineUntil), ctx.now(), id]));
        renewed++;
      } else {
        // Key first: without it the file is noise even if deleting it fails.
        ctx.sql.write((w) =>
          w.run(`UPDATE downloads SET state = 'revoked', wrapped_key = NULL, received_bytes = 0, error_code = 'LICENCE_REVOKED', error_message = ?, updated_at = ? WHERE id = ?`, [REASONS[res.reason], ctx.now(), id]),
        );
        fs.rmSync(fileOf(ctx, id), { force: true });
        revoked++;
        ctx.log.info({ downloadId: id, reason: res.reason }, 'offline licence revoked; key and file deleted');
      }
    }
  }
  return { renewed, revoked, ids: rows.map((r) => r.id) };
}
