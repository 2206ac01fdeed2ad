import { randomUUID } from 'node:crypto';
import { EncoreError } from '@encore/shared/errors';
import type { DownloadsContext } from './context';
import type { ServerAuth } from './licenceApi';

/** This install's id for itself, made once and kept in `download_settings`. */
export function clientId(ctx: DownloadsContext): string {
  return ctx.sql.write((w) => {
    const row = w.get<{ value: string }>(`SELECT value FROM download_settings WHERE key = 'client_id'`);
    if (row) return row.value;
    const id = randomUUID();
    w.run(`INSERT INTO download_settings (key, value) VALUES ('client_id', ?)`, [id]);
    return id;
  });
}

/**
 * The server's id for this install under the signed-in account: cached per (server, user),
 * registered on first use. A refused registration (DEVICE_LIMIT_REACHED) reaches the user as is.
 */
export async function ensureDevice(ctx: DownloadsContext, a: ServerAuth): Promise<string> {
  const cached = ctx.sql.read((r) => r.get<{ device_id: string }>('SELECT device_id FROM download_devices WHERE server_url = ? AND user_id = ?', [a.serverUrl, a.userId]));
  if (cached) return cached.device_id;
  const { device } = await ctx.api.registerDevice(a, { clientId: clientId(ctx), name: ctx.deviceName.slice(0, 100) || 'Encore desktop', platform: process.platform });
  ctx.sql.write((w) =>
    w.run('INSERT INTO download_devices (server_url, user_id, device_id, registered_at) VALUES (?, ?, ?, ?) ON CONFLICT (server_url, user_id) DO UPDATE SET device_id = excluded.device_id, registered_at = excluded.registered_at', [a.serverUrl, a.userId, device.id, ctx.now()]),
  );
  return device.id;
}

/** Forgets the cached device (the server removed it); the next call registers again. */
export function forgetDevice(ctx: DownloadsContext, a: ServerAuth): void {
  ctx.sql.write((w) => w.run('DELETE FROM download_devices WHERE server_url = ? AND user_id = ?', [a.serverUrl, a.userId]));
}

/** Runs `fn` with the device id, registering again once if the server no longer knows the device. */
export async function withDevice<T>(ctx: DownloadsContext, a: ServerAuth, fn: (deviceId: string) => Promise<T>): Promise<T> {
  try {
    return await fn(await ensureDevice(ctx, a));
  } catch (e) {
    if (!(e instanceof EncoreError && e.code === 'DEVICE_NOT_FOUND')) throw e;
    forgetDevice(ctx, a);
    return fn(await ensureDevice(ctx, a));
  }
}
