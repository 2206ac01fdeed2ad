import { CollabPlaylistListResponse, CollabPlaylistResponse } from '@encore/shared/api/collabPlaylists';
import { CollaboratorListResponse, CollaboratorResponse, type AddCollaboratorRequest } from '@encore/shared/api/studio';
import { StudioApi } from '../sync/studioApi';

/**
 * REST client for `/api/playlists/collab/*` (collaborative playlists and their members), with
 * the studio client's error mapping (server codes, OFFLINE when unreachable).
 *
 * @example
 * const { playlist } = await new CollabPlaylistsApi().create(base, token, 'Road trip');
 */
export class CollabPlaylistsApi extends StudioApi {
  create(base: string, token: string, name: string) {
    return this.request(base, token, 'POST', '/api/playlists/collab', CollabPlaylistResponse, { name });
  }

  list(base: string, token: string) {
    return this.request(base, token, 'GET', '/api/playlists/collab', CollabPlaylistListResponse);
  }

  members(base: string, token: string, id: string) {
    return this.request(base, token, 'GET', `/api/playlists/collab/${encodeURIComponent(id)}/collaborators`, CollaboratorListResponse);
  }

  invite(base: string, token: string, id: string, body: AddCollaboratorRequest) {
    return this.request(base, token, 'POST', `/api/playlists/collab/${encodeURIComponent(id)}/collaborators`, CollaboratorResponse, body);
  }
}
