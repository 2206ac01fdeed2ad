import { Hono } from 'hono';
import { z } from 'zod';
import {
  AddCollaboratorRequest,
  CreateInviteRequest,
  CreateProjectRequest,
  UpdateProjectRequest,
  type CollaboratorListResponse,
  type CollaboratorResponse,
  type InviteResponse,
  type ProjectListResponse,
  type ProjectResponse,
} from '@encore/shared/api/studio';
import { requireAuth } from '../../middleware/auth';
import type { AppEnv } from '../../middleware/env';
import { parseJson, parseParams } from '../../middleware/parse';
import type { Services } from '../../services/services';
import { studioBlobRoutes } from './blobs';
import { studioVersionRoutes } from './versions';
import { createInvite } from '../../services/studio/invites';
import {
  createProject,
  deleteProject,
  listCollaborators,
  listProjects,
  projectForMember,
  removeCollaborator,
  toStudioProject,
  updateProject,
  upsertCollaborator,
} from '../../services/studio/projects';

const ProjectParam = z.object({ id: z.uuid() });
const MemberParam = z.object({ id: z.uuid(), userId: z.uuid() });
const HOUR_MS = 3_600_000;

/**
 * Shared studio projects (each one a Yjs document at `/sync/<id>`), their members and invite
 * links. Owners manage members and invites; removals and role changes reach open sockets at once.
 *
 * @example
 * app.route('/api/studio/projects', studioProjectRoutes(services));
 */
export function studioProjectRoutes(s: Services): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .use(requireAuth(s))
    .post('/', async (c) => {
      const body = await parseJson(c, CreateProjectRequest);
      const project = await createProject(s.db, c.get('auth').userId, body, s.clock.now());
      return c.json({ project } satisfies ProjectResponse, 201);
    })
    .get('/', async (c) => c.json({ projects: await listProjects(s.db, c.get('auth').userId) } satisfies ProjectListResponse))
    .get('/:id', async (c) => {
      const { id } = parseParams(c, ProjectParam);
      return c.json({ project: await projectForMember(s.db, id, c.get('auth').userId) } satisfies ProjectResponse);
    })
    .put('/:id', async (c) => {
      const { id } = parseParams(c, ProjectParam);
      const patch = await parseJson(c, UpdateProjectRequest);
      const { role } = await projectForMember(s.db, id, c.get('auth').userId, ['owner']);
      const row = await updateProject(s.db, id, patch, s.clock.now());
      return c.json({ project: toStudioProject(row, role) } satisfies ProjectResponse);
    })
    .delete('/:id', async (c) => {
      const { id } = parseParams(c, ProjectParam);
      await projectForMember(s.db, id, c.get('auth').userId, ['owner']);
      await deleteProject(s.db, id);
      s.membership.emit({ type: 'project-deleted', docId: id });
      c.get('log').info({ projectId: id, by: c.get('auth').userId }, 'studio project deleted');
      return c.body(null, 204);
    })
    .get('/:id/collaborators', async (c) => {
      const { id } = parseParams(c, ProjectParam);
      await projectForMember(s.db, id, c.get('auth').userId);
      return c.json({ collaborators: await listCollaborators(s.db, id) } satisfies CollaboratorListResponse);
    })
    .post('/:id/collaborators', async (c) => {
      const { id } = parseParams(c, ProjectParam);
      const body = await parseJson(c, AddCollaboratorRequest);
      await projectForMember(s.db, id, c.get('auth').userId, ['owner']);
      const collaborator = await upsertCollaborator(s.db, id, body.username, body.role, s.clock.now());
      s.membership.emit({ type: 'role-changed', docId: id, userId: collaborator.userId, role: collaborator.role });
      return c.json({ collaborator } satisfies CollaboratorResponse, 201);
    })
    .delete('/:id/collaborators/:userId', async (c) => {
      const { id, userId } = parseParams(c, MemberParam);
      await projectForMember(s.db, id, c.get('auth').userId, ['owner']);
      await removeCollaborator(s.db, id, userId);
      s.membership.emit({ type: 'member-removed', docId: id, userId });
      c.get('log').info({ projectId: id, userId, by: c.get('auth').userId }, 'collaborator removed');
      return c.body(null, 204);
    })
    .post('/:id/invites', async (c) => {
      const { id } = parseParams(c, ProjectParam);
      const body = await parseJson(c, CreateInviteRequest);
      await projectForMember(s.db, id, c.get('auth').userId, ['owner']);
      const invite = await createInvite(s.db, { projectId: id, role: body.role, createdBy: c.get('auth').userId, now: s.clock.now(), ttlMs: body.expiresInHours * HOUR_MS });
      return c.json({ token: invite.token, role: body.role, expiresAt: invite.expiresAt.toISOString() } satisfies InviteResponse, 201);
    })
    .route('/', studioBlobRoutes(s))
    .route('/', studioVersionRoutes(s));
}
