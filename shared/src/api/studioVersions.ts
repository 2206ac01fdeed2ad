import { z } from 'zod';

/**
 * Contracts of a shared project's history on the sync-server:
 * `GET/POST /api/studio/projects/:id/versions`, `GET .../versions/:versionId` and
 * `POST .../versions/:versionId/restore`. Members list and read versions; owners and editors
 * name and restore them. A restore is a new change on the live document.
 */

export const ServerVersionName = z
  .string()
  .trim()
  .min(1, 'a name is required')
  .max(100)
  .refine((t) => !/\p{Cc}/u.test(t), 'no control characters');

export const ServerVersion = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  /** Named by a member, or taken automatically while the project was edited (or before a restore). */
  kind: z.enum(['named', 'auto']),
  name: z.string(),
  /** Who named it; null for automatic versions and deleted accounts. */
  createdBy: z.object({ userId: z.uuid(), username: z.string() }).nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  sizeBytes: z.int().nonnegative(),
});
export type ServerVersion = z.infer<typeof ServerVersion>;

/** What a version holds, read from its state with the shared project model. */
export const VersionPreview = z.object({
  title: z.string(),
  trackCount: z.int().nonnegative(),
  trackNames: z.array(z.string()),
  clipCount: z.int().nonnegative(),
  /** The tempo at the start. */
  bpm: z.number().positive(),
  /** Until the end of the last clip. */
  lengthSeconds: z.number().nonnegative(),
});
export type VersionPreview = z.infer<typeof VersionPreview>;

export const CreateVersionRequest = z.object({ name: ServerVersionName });
export type CreateVersionRequest = z.infer<typeof CreateVersionRequest>;

export const VersionResponse = z.object({ version: ServerVersion });
export type VersionResponse = z.infer<typeof VersionResponse>;

export const VersionListResponse = z.object({ versions: z.array(ServerVersion) });
export type VersionListResponse = z.infer<typeof VersionListResponse>;

/** GET .../versions/:versionId: the version, its preview and its Yjs state (base64). */
export const VersionDetailResponse = z.object({ version: ServerVersion, preview: VersionPreview, state: z.base64() });
export type VersionDetailResponse = z.infer<typeof VersionDetailResponse>;

/** POST .../versions/:versionId/restore: the version restored and the automatic one kept of what it replaced. */
export const RestoreVersionResponse = z.object({ restored: ServerVersion, backup: ServerVersion });
export type RestoreVersionResponse = z.infer<typeof RestoreVersionResponse>;
