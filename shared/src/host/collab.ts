import { z } from 'zod';
import { Collaborator, StudioProject, StudioRole } from '../api/studio';
import { RestoreVersionResponse, ServerVersion, ServerVersionName } from '../api/studioVersions';
import { Username } from '../domain/user';
import { ProjectId, ProjectSummary } from './projects';

/**
 * The collaboration part of the host API: sharing a local project through the sync-server,
 * its members and invitations, projects shared with me, each shared project's sync state, and
 * the awareness (presence) relay between the renderer and the host's connection upstream.
 * Merged into `hostContract` / `hostEvents`.
 */

const procedure = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

/**
 * `local`: not shared. `offline`: shared, not connected (no network, signed out, or paused).
 * `syncing`: connecting or exchanging state. `synced`: in step with the server.
 * `merged`: in step again after edits made while offline were merged.
 */
export const SyncState = z.enum(['local', 'offline', 'syncing', 'synced', 'merged']);
export type SyncState = z.infer<typeof SyncState>;

export const ProjectSyncStatus = z.object({
  projectId: ProjectId,
  state: SyncState,
  /** The project's id on the sync-server; null while the project is local only. */
  serverProjectId: z.uuid().nullable(),
  /** The user's role in the shared project, when known. */
  role: StudioRole.nullable(),
  /** True while the user has paused syncing ("work offline"). */
  paused: z.boolean(),
});
export type ProjectSyncStatus = z.infer<typeof ProjectSyncStatus>;

/** A y-protocols awareness update, base64. */
export const AwarenessUpdate = z.base64().max(1024 * 1024);

export const SharedProject = z.object({
  project: StudioProject,
  /** The local replica of it, when this desktop has one. */
  localProjectId: ProjectId.nullable(),
});
export type SharedProject = z.infer<typeof SharedProject>;

const ById = z.object({ projectId: ProjectId });

/**
 * One audio asset travelling between this desktop's blob store and the sync-server: uploaded
 * once when a project is shared (or an asset is added), downloaded when a collaborator's clip
 * references one this desktop lacks. `loaded`/`total` in bytes.
 */
export const AssetTransfer = z.object({
  projectId: ProjectId,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  direction: z.enum(['upload', 'download']),
  state: z.enum(['queued', 'active', 'done', 'failed']),
  loaded: z.int().nonnegative(),
  total: z.int().nonnegative(),
  /** Why it failed (shown to the user); it is retried at the next sync. */
  error: z.string().max(500).nullable(),
});
export type AssetTransfer = z.infer<typeof AssetTransfer>;

export const collabContract = {
  'collab.status': procedure(ById, ProjectSyncStatus),
  /** Creates the project on the sync-server and starts syncing it; returns once the first sync is done (or timed out). */
  'collab.share': procedure(ById, ProjectSyncStatus),
  /** Pauses (work offline) or resumes syncing of a shared project. */
  'collab.setPaused': procedure(z.object({ projectId: ProjectId, paused: z.boolean() }), ProjectSyncStatus),
  'collab.members': procedure(ById, z.array(Collaborator)),
  'collab.invite': procedure(z.object({ projectId: ProjectId, username: Username, role: StudioRole }), Collaborator),
  /** Projects on the sync-server the user owns or was invited to. */
  'collab.sharedWithMe': procedure(z.void(), z.array(SharedProject)),
  /** Creates (or finds) the local replica of a shared project. */
  'collab.openShared': procedure(z.object({ serverProjectId: z.uuid() }), ProjectSummary),
  /** The renderer's own awareness changes, relayed upstream by the host. */
  'collab.awareness': procedure(z.object({ projectId: ProjectId, update: AwarenessUpdate }), z.object({ relayed: z.boolean() })),
  /** Every collaborator's awareness state the host knows for a project (to catch up after opening it). */
  'collab.awareness.snapshot': procedure(ById, z.object({ update: AwarenessUpdate.nullable() })),
  /** The asset transfers of a shared project not yet done (to catch up after opening it). */
  'collab.assets': procedure(ById, z.array(AssetTransfer)),
  /** The shared history of a shared project on the sync-server (named and automatic versions, newest first). */
  'collab.versions': procedure(ById, z.array(ServerVersion)),
  /** Names the shared project's current state on the server (owners and editors). */
  'collab.versions.save': procedure(z.object({ projectId: ProjectId, name: ServerVersionName }), ServerVersion),
  /** Restores a server version as a new change that every collaborator receives (owners and editors). */
  'collab.versions.restore': procedure(z.object({ projectId: ProjectId, versionId: z.uuid() }), RestoreVersionResponse),
} as const;

export const ProjectAwareness = z.object({ projectId: ProjectId, update: AwarenessUpdate });
export type ProjectAwareness = z.infer<typeof ProjectAwareness>;

export const collabEvents = {
  'collab.status': ProjectSyncStatus,
  /** Collaborators' awareness changes received from the sync-server. */
  'collab.awareness': ProjectAwareness,
  /** Progress of an asset upload or download (several per second at most per asset). */
  'collab.assets': AssetTransfer,
} as const;
