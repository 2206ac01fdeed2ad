import { and, asc, count, eq, isNull } from 'drizzle-orm';
import { MAX_ACTIVE_DEVICES, type Device, type RegisterDeviceRequest } from '@encore/shared/api/licences';
import { EncoreError } from '@encore/shared/errors';
import type { Database } from '../../db/database';
import { devices, offlineLicences, type DeviceRow } from '../../db/schema/licences';
import { users } from '../../db/schema/users';

export const toDevice = (d: DeviceRow): Device => ({ id: d.id, clientId: d.clientId, name: d.name, platform: d.platform, createdAt: d.createdAt.toISOString(), lastSeenAt: d.lastSeenAt.toISOString() });

/**
 * Registers the caller's install as a device, or refreshes it when already registered (same
 * `clientId`). A sixth active device is refused with DEVICE_LIMIT_REACHED naming the limit and
 * listing the active devices, so the client can offer to remove one. The user row is locked
 * for the count, so two installs registering at once cannot both become the fifth.
 */
export async function registerDevice(db: Database, userId: string, req: RegisterDeviceRequest, now: Date): Promise<{ device: Device; created: boolean }> {
  return db.transaction(async (tx) => {
    await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
    const [existing] = await tx.select().from(devices).where(and(eq(devices.userId, userId), eq(devices.clientId, req.clientId), isNull(devices.removedAt)));
    if (existing) {
      const [row] = await tx.update(devices).set({ name: req.name, platform: req.platform, lastSeenAt: now }).where(eq(devices.id, existing.id)).returning();
      return { device: toDevice(row!), created: false };
    }
    const [active] = await tx.select({ n: count() }).from(devices).where(and(eq(devices.userId, userId), isNull(devices.removedAt)));
    if ((active?.n ?? 0) >= MAX_ACTIVE_DEVICES) {
      const list = await activeDevices(tx, userId);
      throw new EncoreError('DEVICE_LIMIT_REACHED', `At most ${MAX_ACTIVE_DEVICES} devices can hold offline downloads; remove one first`, { limit: MAX_ACTIVE_DEVICES, devices: list });
    }
    const [row] = await tx.insert(devices).values({ userId, clientId: req.clientId, name: req.name, platform: req.platform, createdAt: now, lastSeenAt: now }).returning();
    return { device: toDevice(row!), created: true };
  });
}

export async function activeDevices(db: Database, userId: string): Promise<Device[]> {
  const rows = await db.select().from(devices).where(and(eq(devices.userId, userId), isNull(devices.removedAt))).orderBy(asc(devices.createdAt));
  return rows.map(toDevice);
}

/** The caller's active device, or DEVICE_NOT_FOUND (also for another user's device: no probing). */
export async function ownActiveDevice(db: Database, userId: string, deviceId: string): Promise<DeviceRow> {
  const [row] = await db.select().from(devices).where(and(eq(devices.id, deviceId), eq(devices.userId, userId), isNull(devices.removedAt)));
  if (!row) throw new EncoreError('DEVICE_NOT_FOUND', 'This device is not registered for offline downloads', { deviceId });
  return row;
}

/** Removes a device and revokes every licence it holds, in one transaction. */
export async function removeDevice(db: Database, userId: string, deviceId: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    await ownActiveDevice(tx, userId, deviceId);
    await tx.update(devices).set({ removedAt: now }).where(eq(devices.id, deviceId));
    await tx
      .update(offlineLicences)
      .set({ revokedAt: now, revokedReason: 'device_removed' })
      .where(and(eq(offlineLicences.deviceId, deviceId), isNull(offlineLicences.revokedAt)));
  });
}
