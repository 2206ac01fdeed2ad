import { randomBytes } from 'node:crypto';
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { OFFLINE_LICENCE_DAYS, type GrantLicenceRequest, type GrantLicenceResponse, type Licence, type RenewLicencesRequest, type RenewResult } from '@encore/shared/api/licences';
import { EncoreError } from '@encore/shared/errors';
import type { Database } from '../../db/database';
import type { RenditionRow } from '../../db/schema/catalog';
import { devices, offlineLicences, type OfflineLicenceRow } from '../../db/schema/licences';
import { tierCeiling } from '../catalog/streaming';
import { ownActiveDevice } from './devices';
import { effectiveTier, isPublished, publishedRendition, tierAllows } from './entitlement';

const DAY_MS = 86_400_000;
const offlineUntil = (now: Date) => new Date(now.getTime() + OFFLINE_LICENCE_DAYS * DAY_MS);

function toLicence(l: OfflineLicenceRow, r: Pick<RenditionRow, 'codec' | 'sizeBytes'>): Licence {
  return { id: l.id, deviceId: l.deviceId, trackId: l.trackId, quality: l.quality, codec: r.codec, sizeBytes: r.sizeBytes, issuedAt: l.issuedAt.toISOString(), offlineUntil: l.offlineUntil.toISOString() };
}

/**
 * Grants a licence if the caller is entitled now: an active device of theirs, a published
 * track with a rendition in that quality, and a tier that allows it. A previous active licence
 * of the same device, track and quality is replaced (its secret cannot be shown again).
 */
export async function grantLicence(db: Database, userId: string, req: GrantLicenceRequest, now: Date): Promise<GrantLicenceResponse> {
  return db.transaction(async (tx) => {
    await ownActiveDevice(tx, userId, req.deviceId);
    const tier = await effectiveTier(tx, userId, now);
    if (!tier) throw new EncoreError('UNAUTHENTICATED', 'Sign in first');
    if (!tierAllows(tier, req.quality)) {
      throw new EncoreError('ENTITLEMENT_REQUIRED', `Your ${tier} plan allows downloads up to ${tierCeiling(tier)} quality`, { tier, maxQuality: tierCeiling(tier), requested: req.quality });
    }
    const rendition = await publishedRendition(tx, req.trackId, req.quality);
    if (!rendition) {
      if (await isPublished(tx, req.trackId)) throw new EncoreError('TRACK_NOT_READY', 'The track has no file in this quality', { trackId: req.trackId, quality: req.quality });
      throw new EncoreError('TRACK_NOT_FOUND', 'The requested track could not be found', { trackId: req.trackId });
    }
    await tx
      .update(offlineLicences)
      .set({ revokedAt: now, revokedReason: 'released' })
      .where(and(eq(offlineLicences.deviceId, req.deviceId), eq(offlineLicences.trackId, req.trackId), eq(offlineLicences.quality, req.quality), isNull(offlineLicences.revokedAt)));
    const [row] = await tx.insert(offlineLicences).values({ userId, deviceId: req.deviceId, trackId: req.trackId, quality: req.quality, issuedAt: now, checkedAt: now, offlineUntil: offlineUntil(now) }).returning();
    return { licence: toLicence(row!, rendition), secret: randomBytes(32).toString('base64url') };
  });
}

/**
 * The online check: each licence still entitled gets another 30 days offline; one that is not
 * (device removed, tier no longer allows its quality, track unpublished) is revoked for good
 * and reported so the device deletes its key and file. Unknown or foreign ids read as revoked.
 */
export async function renewLicences(db: Database, userId: string, req: RenewLicencesRequest, now: Date): Promise<RenewResult[]> {
  return db.transaction(async (tx) => {
    const [device] = await tx.select().from(devices).where(and(eq(devices.id, req.deviceId), eq(devices.userId, userId)));
    const rows = await tx.select().from(offlineLicences).where(and(inArray(offlineLicences.id, req.licenceIds), eq(offlineLicences.userId, userId), eq(offlineLicences.deviceId, req.deviceId)));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const tier = await effectiveTier(tx, userId, now);
    if (device && !device.removedAt) await tx.update(devices).set({ lastSeenAt: now }).where(eq(devices.id, device.id));
    const results: RenewResult[] = [];
    for (const id of req.licenceIds) {
      const l = byId.get(id);
      if (!l) {
        results.push({ id, status: 'revoked', reason: 'unknown' });
        continue;
      }
      if (l.revokedAt) {
        results.push({ id, status: 'revoked', reason: l.revokedReason ?? 'unknown' });
        continue;
      }
      const reason = !device || device.removedAt ? 'device_removed' : !tier || !tierAllows(tier, l.quality) ? 'entitlement_ended' : !(await publishedRendition(tx, l.trackId, l.quality)) ? 'track_unavailable' : null;
      if (reason) {
        await tx.update(offlineLicences).set({ revokedAt: now, revokedReason: reason }).where(eq(offlineLicences.id, id));
        results.push({ id, status: 'revoked', reason });
      } else {
        const until = offlineUntil(now);
        await tx.update(offlineLicences).set({ checkedAt: now, offlineUntil: until }).where(eq(offlineLicences.id, id));
        results.push({ id, status: 'active', offlineUntil: until.toISOString() });
      }
    }
    return results;
  });
}

/** The caller's active licences on one of their devices, newest first. */
export async function listLicences(db: Database, userId: string, deviceId: string): Promise<OfflineLicenceRow[]> {
  await ownActiveDevice(db, userId, deviceId);
  return db
    .select()
    .from(offlineLicences)
    .where(and(eq(offlineLicences.userId, userId), eq(offlineLicences.deviceId, deviceId), isNull(offlineLicences.revokedAt)))
    .orderBy(desc(offlineLicences.issuedAt));
}

/** The user removed the download: the licence ends (idempotent). */
export async function releaseLicence(db: Database, userId: string, licenceId: string, now: Date): Promise<void> {
  const [row] = await db.select({ id: offlineLicences.id }).from(offlineLicences).where(and(eq(offlineLicences.id, licenceId), eq(offlineLicences.userId, userId)));
  if (!row) throw new EncoreError('LICENCE_NOT_FOUND', 'No such licence', { licenceId });
  await db.update(offlineLicences).set({ revokedAt: now, revokedReason: 'released' }).where(and(eq(offlineLicences.id, licenceId), isNull(offlineLicences.revokedAt)));
}

/**
 * The file a licence may download, checked against the entitlement as it stands now: the
 * licence is the caller's, not revoked, its device active, its tier and track still valid.
 */
export async function licensedRendition(db: Database, userId: string, licenceId: string, now: Date): Promise<RenditionRow> {
  const [row] = await db
    .select({ l: offlineLicences, removedAt: devices.removedAt })
    .from(offlineLicences)
    .innerJoin(devices, eq(devices.id, offlineLicences.deviceId))
    .where(and(eq(offlineLicences.id, licenceId), eq(offlineLicences.userId, userId)));
  if (!row) throw new EncoreError('LICENCE_NOT_FOUND', 'No such licence', { licenceId });
  if (row.l.revokedAt || row.removedAt) throw new EncoreError('LICENCE_REVOKED', 'This licence was revoked', { licenceId, reason: row.l.revokedReason ?? 'device_removed' });
  const tier = await effectiveTier(db, userId, now);
  if (!tier || !tierAllows(tier, row.l.quality)) throw new EncoreError('ENTITLEMENT_REQUIRED', 'Your plan no longer allows this quality', { licenceId, quality: row.l.quality });
  const rendition = await publishedRendition(db, row.l.trackId, row.l.quality);
  if (!rendition) throw new EncoreError('TRACK_NOT_FOUND', 'The track is no longer available', { trackId: row.l.trackId });
  return rendition;
}

export { toLicence };
