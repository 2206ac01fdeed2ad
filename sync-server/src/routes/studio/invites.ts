import { Hono } from 'hono';
import { z } from 'zod';
import type { AcceptInviteResponse } from '@encore/shared/api/studio';
import { requireAuth } from '../../middleware/auth';
import type { AppEnv } from '../../middleware/env';
import { parseParams } from '../../middleware/parse';
import type { Services } from '../../services/services';
import { acceptInvite } from '../../services/studio/invites';

const TokenParam = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,128}$/) });

/**
 * `POST /api/studio/invites/:token/accept`: the signed-in user joins the project of the link.
 *
 * @example
 * app.route('/api/studio/invites', studioInviteRoutes(services));
 */
export function studioInviteRoutes(s: Services): Hono<AppEnv> {
  return new Hono<AppEnv>().use(requireAuth(s)).post('/:token/accept', async (c) => {
    const { token } = parseParams(c, TokenParam);
    const userId = c.get('auth').userId;
    const { project, changed } = await acceptInvite(s.db, token, userId, s.clock.now());
    if (changed) s.membership.emit({ type: 'role-changed', docId: project.id, userId, role: project.role });
    return c.json({ project } satisfies AcceptInviteResponse);
  });
}
