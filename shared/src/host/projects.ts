import { z } from 'zod';
import { Sha256 } from '../project/schema/common';

/**
 * The projects part of the host API: the projects list, named versions, `.encore` files, and
 * the document channel over which a renderer's Y.Doc replica speaks the y-protocols sync
 * protocol with the host's durable replica. Merged into `hostContract` / `hostEvents`.
 */

const procedure = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

/** Ids minted by `createIdGenerator` (21 URL-safe characters). */
export const ProjectId = z.string().regex(/^[A-Za-z0-9_-]{21}$/, 'a project id');
export const VersionId = z.string().regex(/^[A-Za-z0-9_-]{21}$/, 'a version id');
/** One renderer's subscription to one project document. */
export const SubscriptionId = z.string().regex(/^[A-Za-z0-9_-]{21}$/, 'a subscription id');

/** The title of a project: what the document's `meta.title` holds, without control characters. */
export const ProjectTitle = z
  .string()
  .trim()
  .min(1, 'a title is required')
  .max(200)
  .refine((t) => !/\p{Cc}/u.test(t), 'no control characters');
export const VersionName = z
  .string()
  .trim()
  .min(1, 'a name is required')
  .max(100)
  .refine((t) => !/\p{Cc}/u.test(t), 'no control characters');

export const ProjectTemplate = z.enum(['empty', 'demo']);
export type ProjectTemplate = z.infer<typeof ProjectTemplate>;

const Timestamp = z.iso.datetime();

export const ProjectSummary = z.object({
  id: ProjectId,
  title: ProjectTitle,
  /** The template the project started from; null for an imported project. */
  template: ProjectTemplate.nullable(),
  createdAt: Timestamp,
  /** The last change to its document or its metadata. */
  updatedAt: Timestamp,
  openedAt: Timestamp.nullable(),
  /** Set while the project is in the trash. */
  deletedAt: Timestamp.nullable(),
});
export type ProjectSummary = z.infer<typeof ProjectSummary>;

export const VersionSummary = z.object({
  id: VersionId,
  projectId: ProjectId,
  name: z.string(),
  /** Named by the user, or taken automatically while editing and before a restore. */
  kind: z.enum(['named', 'auto']),
  createdAt: Timestamp,
  byteLength: z.int().nonnegative(),
});
export type VersionSummary = z.infer<typeof VersionSummary>;

/** A y-protocols sync message (step 1, step 2 or update), base64-encoded inside a JSON frame. */
export const SyncMessage = z.base64().max(32 * 1024 * 1024);

/** An export or import file inside the host's exports/imports folder: a bare name, never a path. */
export const ProjectFileName = z
  .string()
  .max(200)
  .regex(/^[^/\\:\0\p{Cc}]+\.encore$/u, 'a file name ending in .encore')
  .refine((n) => !n.startsWith('.'), 'not a hidden file');

const ById = z.object({ projectId: ProjectId });

/** A bounced audio file inside the host's exports folder: a bare name, never a path. */
export const AudioFileName = z
  .string()
  .max(200)
  .regex(/^[^/\\:*?"<>|\0\p{Cc}]+\.(wav|flac|mp3|opus)$/u, 'a file name ending in .wav, .flac, .mp3 or .opus')
  .refine((n) => !n.startsWith('.'), 'not a hidden file');
export const UploadId = z.string().regex(/^[A-Za-z0-9_-]{21}$/, 'an upload id');
/** At most this many bytes per chunk of an audio export (base64 keeps a frame under 1 MiB). */
export const EXPORT_CHUNK_BYTES = 512 * 1024;
/** The largest audio file the studio imports or records into the blob store (1 GiB). */
export const MAX_BLOB_BYTES = 1024 ** 3;

/** The song file formats the studio imports and exports besides audio. */
export const SongFormat = z.enum(['encore', 'midi', 'dawproject']);
export type SongFormat = z.infer<typeof SongFormat>;

/** A song file the user picked to import, by its bare name (the extension says the format). */
export const SongFileName = z
  .string()
  .max(200)
  .regex(/^[^/\\:*?"<>|\0\p{Cc}]+\.(encore|mid|midi|smf|dawproject)$/iu, 'a file name ending in .encore, .mid, .midi or .dawproject')
  .refine((n) => !n.startsWith('.'), 'not a hidden file');
/** The largest song file the studio imports (1 GiB; a .encore or .dawproject carries its audio). */
export const MAX_SONG_FILE_BYTES = 1024 ** 3;

export const projectContract = {
  'projects.list': procedure(z.object({ trash: z.boolean().default(false) }), z.array(ProjectSummary)),
  'projects.get': procedure(ById, ProjectSummary),
  'projects.create': procedure(z.object({ title: ProjectTitle.optional(), template: ProjectTemplate.default('empty') }), ProjectSummary),
  'projects.rename': procedure(z.object({ projectId: ProjectId, title: ProjectTitle }), ProjectSummary),
  'projects.duplicate': procedure(z.object({ projectId: ProjectId, title: ProjectTitle.optional() }), ProjectSummary),
  /** Moves a project to the trash; `projects.untrash` brings it back. */
  'projects.delete': procedure(ById, ProjectSummary),
  'projects.untrash': procedure(ById, ProjectSummary),
  /** Step one of deleting forever: a short-lived token that `projects.purge` must echo. */
  'projects.purge.request': procedure(ById, z.object({ confirmToken: z.string(), expiresAt: Timestamp })),
  'projects.purge': procedure(z.object({ projectId: ProjectId, confirmToken: z.string().max(128) }), z.object({ projectId: ProjectId })),

  'projects.versions.save': procedure(z.object({ projectId: ProjectId, name: VersionName }), VersionSummary),
  'projects.versions.list': procedure(ById, z.array(VersionSummary)),
  /** Restores a version as a new edit on top; returns the automatic version taken just before. */
  'projects.versions.restore': procedure(z.object({ projectId: ProjectId, versionId: VersionId }), z.object({ backup: VersionSummary })),

  /** Writes `<dataDir>/desktop/exports/<fileName>`. */
  'projects.export': procedure(ById, z.object({ fileName: ProjectFileName, byteLength: z.int().nonnegative(), sha256: Sha256 })),
  /**
   * Saves a bounce as `<dataDir>/desktop/exports/<fileName>` (a free variant of the name when
   * taken), sent in chunks: `begin`, then `chunk` in order, then `projects.exportAudio` with the
   * SHA-256 of the whole file, which the host checks before the file appears.
   */
  'projects.exportAudio.begin': procedure(z.object({ fileName: AudioFileName }), z.object({ uploadId: UploadId })),
  'projects.exportAudio.chunk': procedure(
    z.object({ uploadId: UploadId, offset: z.int().nonnegative(), data: z.base64().max(Math.ceil(EXPORT_CHUNK_BYTES / 3) * 4) }),
    z.object({ received: z.int().nonnegative() }),
  ),
  'projects.exportAudio': procedure(z.object({ uploadId: UploadId, sha256: Sha256 }), z.object({ fileName: AudioFileName, byteLength: z.int().nonnegative(), sha256: Sha256 })),
  /**
   * Stores an asset in the host's content-addressed blob store, sent like an audio export:
   * `begin` with the size and SHA-256 (no upload when the host already holds that content:
   * `uploadId` is null), `chunk` in order, then `finish`, which checks the length and hash
   * before the blob appears.
   */
  'projects.blobs.begin': procedure(z.object({ byteLength: z.int().positive().max(MAX_BLOB_BYTES), sha256: Sha256 }), z.object({ uploadId: UploadId.nullable() })),
  'projects.blobs.chunk': procedure(
    z.object({ uploadId: UploadId, offset: z.int().nonnegative(), data: z.base64().max(Math.ceil(EXPORT_CHUNK_BYTES / 3) * 4) }),
    z.object({ received: z.int().nonnegative() }),
  ),
  'projects.blobs.finish': procedure(z.object({ uploadId: UploadId }), z.object({ sha256: Sha256, byteLength: z.int().positive() })),
  /**
   * Imports a song file the user picked (`.encore`, Standard MIDI File or DAWproject) as a new
   * project, sent like an asset: `begin`, `chunk` in order, then `finish` with the SHA-256 of the
   * whole file. The file is checked and converted completely before the project (and its audio)
   * appears; a refused file leaves nothing behind. `warnings` lists what the format could not carry.
   */
  'projects.importFile.begin': procedure(z.object({ fileName: SongFileName, byteLength: z.int().positive().max(MAX_SONG_FILE_BYTES) }), z.object({ uploadId: UploadId })),
  'projects.importFile.chunk': procedure(
    z.object({ uploadId: UploadId, offset: z.int().nonnegative(), data: z.base64().max(Math.ceil(EXPORT_CHUNK_BYTES / 3) * 4) }),
    z.object({ received: z.int().nonnegative() }),
  ),
  'projects.importFile.finish': procedure(
    z.object({ uploadId: UploadId, sha256: Sha256 }),
    z.object({ project: ProjectSummary, format: SongFormat, warnings: z.array(z.string().max(1000)).max(500) }),
  ),
  /** Writes the project as `<dataDir>/desktop/exports/<title date>.<encore|mid|dawproject>` (a free variant of the name). */
  'projects.exportFile': procedure(
    z.object({ projectId: ProjectId, format: SongFormat }),
    z.object({ fileName: z.string().max(220), format: SongFormat, byteLength: z.int().nonnegative(), sha256: Sha256 }),
  ),
  /** Imports `<dataDir>/desktop/imports/<fileName>` as a new project. */
  'projects.import': procedure(z.object({ fileName: ProjectFileName }), ProjectSummary),

  /**
   * Subscribes to a project document: `syncStep1` carries the renderer's state vector; the reply
   * holds the host's sync step 2 (what the renderer lacks) and sync step 1 (so the renderer can
   * answer with what the host lacks through `projects.doc.sync`). The subscription lives for
   * `leaseMs` after each call unless renewed with `projects.doc.keepAlive`.
   */
  'projects.doc.open': procedure(
    z.object({ projectId: ProjectId, syncStep1: SyncMessage }),
    z.object({ subscriptionId: SubscriptionId, messages: z.array(SyncMessage), leaseMs: z.int().positive() }),
  ),
  /** Sync step 2 or updates from the renderer; answered only after they are stored in SQLite. */
  'projects.doc.sync': procedure(
    z.object({ subscriptionId: SubscriptionId, messages: z.array(SyncMessage).min(1).max(256) }),
    z.object({ messages: z.array(SyncMessage) }),
  ),
  'projects.doc.keepAlive': procedure(z.object({ subscriptionId: SubscriptionId }), z.object({ leaseMs: z.int().positive() })),
  'projects.doc.close': procedure(z.object({ subscriptionId: SubscriptionId }), z.object({ closed: z.boolean() })),
} as const;

export const ProjectsChanged = z.object({
  projectId: ProjectId,
  change: z.enum(['created', 'updated', 'trashed', 'untrashed', 'purged']),
});
export type ProjectsChanged = z.infer<typeof ProjectsChanged>;

/** An update the host's replica took in (from another window, a restore, a migration...). */
export const ProjectDocUpdate = z.object({
  projectId: ProjectId,
  /** The subscription it came from (which already has it), or null when the host made it. */
  origin: SubscriptionId.nullable(),
  /** A y-protocols update message. */
  message: SyncMessage,
});
export type ProjectDocUpdate = z.infer<typeof ProjectDocUpdate>;

/** Every subscription to this project has ended (trashed, unloaded after an error...): reopen or close. */
export const ProjectDocReset = z.object({
  projectId: ProjectId,
  reason: z.enum(['trashed', 'purged', 'storage-error']),
});
export type ProjectDocReset = z.infer<typeof ProjectDocReset>;

export const projectEvents = {
  'projects.changed': ProjectsChanged,
  'projects.doc.update': ProjectDocUpdate,
  'projects.doc.reset': ProjectDocReset,
} as const;

/** The `.encore` file format version this build writes and the newest it reads. */
export const PROJECT_FILE_FORMAT_VERSION = 1;

/** The first thing read from a `.encore` file, enough to refuse a newer format clearly. */
export const ProjectFileHeader = z.object({ format: z.literal('encore.project'), formatVersion: z.int().positive() });

/** `manifest.json` of a `.encore` file (a zip holding it, `document.yjs` and `blobs/<sha256>`). */
export const ProjectFileManifest = ProjectFileHeader.extend({
  appVersion: z.string().max(64),
  exportedAt: Timestamp,
  project: z.object({ title: ProjectTitle, template: ProjectTemplate.nullable(), createdAt: Timestamp }),
  document: z.object({ sha256: Sha256, byteLength: z.int().nonnegative(), schemaVersion: z.int().positive() }),
  /** Every asset blob the file carries. */
  assets: z.array(z.object({ hash: Sha256, byteLength: z.int().nonnegative() })).max(100_000),
  /** Assets the project references whose bytes were not on the exporting machine. */
  missingAssets: z.array(Sha256).max(100_000),
});
export type ProjectFileManifest = z.infer<typeof ProjectFileManifest>;
