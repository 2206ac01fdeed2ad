import { z } from 'zod';
import { Username } from '../domain/user';

/**
 * Contracts of the studio endpoints (shared projects, members, invite links) and of the
 * sync socket `ws(s)://host/sync/<projectId>` (close codes).
 */

/** Per-document roles: owners manage, editors write, viewers only read (awareness allowed). */
export const StudioRole = z.enum(['owner', 'editor', 'viewer']);
export type StudioRole = z.infer<typeof StudioRole>;

export const StudioProject = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  /** The caller's role in this project. */
  role: StudioRole,
  createdBy: z.uuid().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type StudioProject = z.infer<typeof StudioProject>;

const ProjectName = z.string().trim().min(1).max(200);
const ProjectDescription = z.string().trim().max(2000);

/** Body of POST /api/studio/projects. */
export const CreateProjectRequest = z.object({ name: ProjectName, description: ProjectDescription.default('') });
export type CreateProjectRequest = z.infer<typeof CreateProjectRequest>;

/** Body of PUT /api/studio/projects/:id (at least one field). */
export const UpdateProjectRequest = z
  .object({ name: ProjectName.optional(), description: ProjectDescription.optional() })
  .refine((v) => v.name !== undefined || v.description !== undefined, 'name or description is required');
export type UpdateProjectRequest = z.infer<typeof UpdateProjectRequest>;

export const ProjectResponse = z.object({ project: StudioProject });
export type ProjectResponse = z.infer<typeof ProjectResponse>;

/** GET /api/studio/projects: the caller's own projects and those shared with them. */
export const ProjectListResponse = z.object({ projects: z.array(StudioProject) });
export type ProjectListResponse = z.infer<typeof ProjectListResponse>;

export const Collaborator = z.object({ userId: z.uuid(), username: z.string(), role: StudioRole, addedAt: z.string() });
export type Collaborator = z.infer<typeof Collaborator>;

/** Body of POST /api/studio/projects/:id/collaborators: adds a member or changes their role. */
export const AddCollaboratorRequest = z.object({ username: Username, role: StudioRole });
export type AddCollaboratorRequest = z.infer<typeof AddCollaboratorRequest>;

export const CollaboratorListResponse = z.object({ collaborators: z.array(Collaborator) });
export type CollaboratorListResponse = z.infer<typeof CollaboratorListResponse>;

export const CollaboratorResponse = z.object({ collaborator: Collaborator });
export type CollaboratorResponse = z.infer<typeof CollaboratorResponse>;

/** Body of POST /api/studio/projects/:id/invites. */
export const CreateInviteRequest = z.object({
  role: StudioRole.exclude(['owner']),
  expiresInHours: z.number().int().min(1).max(24 * 30).default(72),
});
export type CreateInviteRequest = z.infer<typeof CreateInviteRequest>;

/** The token is shown once; the server keeps only its hash. */
export const InviteResponse = z.object({ token: z.string(), role: StudioRole, expiresAt: z.string() });
export type InviteResponse = z.infer<typeof InviteResponse>;

/** POST /api/studio/invites/:token/accept. */
export const AcceptInviteResponse = z.object({ project: StudioProject });
export type AcceptInviteResponse = z.infer<typeof AcceptInviteResponse>;

/**
 * Close codes of the sync socket (4000-4999 is the application range). The reason string
 * says more; clients must not parse it.
 */
export const SyncCloseCode = {
  /** A frame was not valid y-websocket protocol, or an update did not decode. */
  MALFORMED: 4400,
  /** The access token expired or its session ended. */
  UNAUTHENTICATED: 4401,
  /** The member was removed or the project deleted. */
  FORBIDDEN: 4403,
  /** The update would make the document larger than the server allows. */
  DOCUMENT_TOO_LARGE: 4413,
  /** Too many messages or bytes per second. */
  RATE_LIMITED: 4429,
  /** The client reads too slowly: its send buffer overflowed. */
  TOO_SLOW: 4430,
  /** The stored document failed to load; nothing was overwritten. Retry later. */
  LOAD_FAILED: 4500,
  /** The server is stopping or reloading the document; reconnect. */
  GOING_AWAY: 4503,
} as const;

/** Subprotocol a browser offers with `bearer.<access token>` to authenticate without a query string. */
export const SYNC_SUBPROTOCOL = 'encore-sync';

/**
 * Audio assets of a shared project, content-addressed: `HEAD/PUT/GET
 * /api/studio/projects/:id/blobs/:sha256`. HEAD answers 200 when the project holds the blob
 * (for writers it first links a copy another of their projects holds, so nothing is sent
 * twice), else 404 with {@link BLOB_UPLOAD_OFFSET_HEADER} (bytes already received of a
 * partial upload) and {@link BLOB_CHUNK_LIMIT_HEADER} (largest PUT body). PUT sends the file,
 * or a part of it with `Content-Range: bytes <start>-<end>/<total>`, as
 * application/octet-stream; the server checks the SHA-256 of the whole before it is stored.
 */
export const BLOB_UPLOAD_OFFSET_HEADER = 'Upload-Offset';
export const BLOB_CHUNK_LIMIT_HEADER = 'Upload-Chunk-Limit';

/** Answer of a blob PUT: 201 when complete (stored and linked), 202 while more is expected. */
export const BlobUploadResponse = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  complete: z.boolean(),
  /** Bytes the server holds: the size when complete, else where the next chunk starts. */
  offset: z.number().int().nonnegative(),
});
export type BlobUploadResponse = z.infer<typeof BlobUploadResponse>;
