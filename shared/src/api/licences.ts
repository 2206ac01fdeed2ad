import { z } from 'zod';
import { AudioQuality } from '../domain/user';

/**
 * Offline playback on the server side: devices (at most {@link MAX_ACTIVE_DEVICES} per account,
 * like Spotify) and licences per (user, device, track, quality). A licence lets its device
 * play its file offline until `offlineUntil` ({@link OFFLINE_LICENCE_DAYS} days after the last
 * online check); after that the device must renew it once online. Renewal is where an ended
 * entitlement (tier downgrade, lapsed subscription, unpublished track, removed device) revokes it.
 *
 * Entitlement is the subscription tier only (no purchase model exists yet): free up to 160 kbps,
 * premium 320, hifi lossless, as for streaming.
 */
export const MAX_ACTIVE_DEVICES = 5;
export const OFFLINE_LICENCE_DAYS = 30;

/** The desktop's own stable id for itself (made once per install), so re-registering is idempotent. */
export const DeviceClientId = z.string().regex(/^[\w-]{16,64}$/, '16-64 letters, digits, _ or -');

export const RegisterDeviceRequest = z.object({
  clientId: DeviceClientId,
  name: z.string().trim().min(1).max(100),
  platform: z.string().trim().min(1).max(40),
});
export type RegisterDeviceRequest = z.infer<typeof RegisterDeviceRequest>;

export const Device = z.object({
  id: z.uuid(),
  clientId: DeviceClientId,
  name: z.string(),
  platform: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
});
export type Device = z.infer<typeof Device>;

export const DeviceResponse = z.object({ device: Device });
export type DeviceResponse = z.infer<typeof DeviceResponse>;
export const DeviceListResponse = z.object({ devices: z.array(Device), limit: z.int() });
export type DeviceListResponse = z.infer<typeof DeviceListResponse>;

export const RevocationReason = z.enum(['device_removed', 'entitlement_ended', 'track_unavailable', 'released']);
export type RevocationReason = z.infer<typeof RevocationReason>;

export const GrantLicenceRequest = z.object({
  deviceId: z.uuid(),
  trackId: z.uuid(),
  quality: AudioQuality,
});
export type GrantLicenceRequest = z.infer<typeof GrantLicenceRequest>;

export const Licence = z.object({
  id: z.uuid(),
  deviceId: z.uuid(),
  trackId: z.uuid(),
  quality: AudioQuality,
  codec: z.string(),
  /** Size of the file to download, in bytes. */
  sizeBytes: z.int().nonnegative(),
  issuedAt: z.string(),
  /** Playable offline until then; renew online to extend. */
  offlineUntil: z.string(),
});
export type Licence = z.infer<typeof Licence>;

/**
 * The answer to a grant: the licence and its key material (base64url, 32 bytes). The server
 * does not keep the secret: it is shown once, and the device derives the file key from it
 * (`deriveFileKey`) and keeps it wrapped. Losing it means downloading again under a new licence.
 */
export const GrantLicenceResponse = z.object({ licence: Licence, secret: z.string().regex(/^[A-Za-z0-9_-]{43}$/) });
export type GrantLicenceResponse = z.infer<typeof GrantLicenceResponse>;

export const RenewLicencesRequest = z.object({
  deviceId: z.uuid(),
  licenceIds: z.array(z.uuid()).min(1).max(500),
});
export type RenewLicencesRequest = z.infer<typeof RenewLicencesRequest>;

/** One result per asked id: renewed, or revoked with why (unknown and foreign ids count as revoked). */
export const RenewResult = z.discriminatedUnion('status', [
  z.object({ id: z.uuid(), status: z.literal('active'), offlineUntil: z.string() }),
  z.object({ id: z.uuid(), status: z.literal('revoked'), reason: RevocationReason.or(z.literal('unknown')) }),
]);
export type RenewResult = z.infer<typeof RenewResult>;
export const RenewLicencesResponse = z.object({ results: z.array(RenewResult) });
export type RenewLicencesResponse = z.infer<typeof RenewLicencesResponse>;

/** Info string of the HKDF that turns a licence secret into the AES-256 file key. */
export const LICENCE_KEY_INFO = 'encore/offline-file/v1';
