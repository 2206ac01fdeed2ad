import { z } from 'zod';
import { StudioRole } from './studio';

/**
 * Contracts of the collaborative playlists: `/api/playlists/collab[/:id[/collaborators[/:userId]]]`.
 * The playlist's content is its Yjs document at `/sync/playlist:<id>`; these endpoints hold
 * its name, who may open it and how (owner, editor, viewer, as for studio projects).
 */
export const CollabPlaylist = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  /** The caller's role. */
  role: StudioRole,
  createdBy: z.uuid().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CollabPlaylist = z.infer<typeof CollabPlaylist>;

const Name = z.string().trim().min(1).max(200);
const Description = z.string().trim().max(2000);

export const CreateCollabPlaylistRequest = z.object({ name: Name, description: Description.default('') });
export type CreateCollabPlaylistRequest = z.infer<typeof CreateCollabPlaylistRequest>;

export const UpdateCollabPlaylistRequest = z
  .object({ name: Name.optional(), description: Description.optional() })
  .refine((v) => v.name !== undefined || v.description !== undefined, 'name or description is required');
export type UpdateCollabPlaylistRequest = z.infer<typeof UpdateCollabPlaylistRequest>;

export const CollabPlaylistResponse = z.object({ playlist: CollabPlaylist });
export type CollabPlaylistResponse = z.infer<typeof CollabPlaylistResponse>;

export const CollabPlaylistListResponse = z.object({ playlists: z.array(CollabPlaylist) });
export type CollabPlaylistListResponse = z.infer<typeof CollabPlaylistListResponse>;
