import { Hono } from 'hono';
import { z } from 'zod';
import { CreateVersionRequest, type RestoreVersionResponse, type VersionDetailResponse, type VersionListResponse, type VersionResponse } from '@encore/shared/api/studioVersions';
import type { AppEnv } from '../../middleware/env';
import { parseJson, parseParams } from '../../middleware/parse';
import type { Services } from '../../services/services';
import { projectForMember } from '../../services/studio/projects';
import { createNamedVersion, getVersion, listVersions, restoreVersion } from '../../services/studio/versions';

const ProjectParam = z.object({ id: z.uuid() });
const VersionParam = z.object({ id: z.uuid(), versionId: z.uuid() });
const WRITERS = ['owner', 'editor'] as const;

/**
 * `/api/studio/projects/:id/versions`: a shared project's history. Every member lists and
 * reads versions; owners and editors name the current state and restore a version (a new
 * change on the live document that connected clients receive; the log is appended, never
 * rewritten). Mounted by studioProjectRoutes, behind its auth.
 *
 * @example
 * projects.route('/', studioVersionRoutes(services));
 */
export function studioVersionRoutes(s: Services): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/:id/versions', async (c) => {
      const { id } = parseParams(c, ProjectParam);
      await projectForMember(s.db, id, c.get('auth').userId);
      return c.json({ versions: await listVersions(s.db, id) } satisfies VersionListResponse);
    })
    .post('/:id/versions', async (c) => {
      const { id } = parseParams(c, ProjectParam);
      const body = await parseJson(c, CreateVersionRequest);
      const userId = c.get('auth').userId;
      await projectForMember(s.db, id, userId, WRITERS);
      const version = await createNamedVersion(s.db, s.documents, { projectId: id, name: body.name, userId, now: s.clock.now() });
      return c.json({ version } satisfies VersionResponse, 201);
    })
    .get('/:id/versions/:versionId', async (c) => {
      const { id, versionId } = parseParams(c, VersionParam);
      await projectForMember(s.db, id, c.get('auth').userId);
      const { version, state, preview } = await getVersion(s.db, id, versionId);
      return c.json({ version, preview, state: Buffer.from(state).toString('base64') } satisfies VersionDetailResponse);
    })
    .post('/:id/versions/:versionId/restore', async (c) => {
      const { id, versionId } = parseParams(c, VersionParam);
      const userId = c.get('auth').userId;
      await projectForMember(s.db, id, userId, WRITERS);
      const result = await restoreVersion(s.db, s.documents, { projectId: id, versionId, userId, now: s.clock.now() });
      c.get('log').info({ projectId: id, versionId, backupId: result.backup.id, by: userId }, 'studio version restored');
      return c.json(result satisfies RestoreVersionResponse);
    });
}
