import { count, desc, eq, ilike, or, type SQL } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { AdminUserListQuery, UpdateRoleRequest, type AdminUserListResponse } from '@encore/shared/api/admin';
import { EncoreError } from '@encore/shared/errors';
import { users } from '../../db/schema/index';
import { requireAuth, requireRole } from '../../middleware/auth';
import type { AppEnv } from '../../middleware/env';
import { parseJson, parseParams, parseQuery } from '../../middleware/parse';
import type { Services } from '../../services/services';
import { toAccountUser } from '../../services/users';

const UserIdParam = z.object({ id: z.uuid() });

/** `q` as a literal ILIKE pattern: % and _ typed by the user match themselves. */
function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/**
 * Staff endpoints over accounts: list/search (admin, moderator) and role change (admin).
 *
 * @example
 * app.route('/api/admin/users', adminUserRoutes(services));
 */
export function adminUserRoutes(s: Services): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .use(requireAuth(s))
    .get('/', requireRole('admin', 'moderator'), async (c) => {
      const q = parseQuery(c, AdminUserListQuery);
      const where: SQL | undefined = q.q ? or(ilike(users.username, containsPattern(q.q)), ilike(users.email, containsPattern(q.q))) : undefined;
      const [rows, totals] = await Promise.all([
        s.db.select().from(users).where(where).orderBy(desc(users.createdAt), users.id).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
        s.db.select({ n: count() }).from(users).where(where),
      ]);
      const body: AdminUserListResponse = { users: rows.map(toAccountUser), page: q.page, pageSize: q.pageSize, total: totals[0]?.n ?? 0 };
      return c.json(body);
    })
    .put('/:id/role', requireRole('admin'), async (c) => {
      const { id } = parseParams(c, UserIdParam);
      const { role } = await parseJson(c, UpdateRoleRequest);
      // An admin demoting themselves could leave the server with no admin at all.
      if (id === c.get('auth').userId) throw new EncoreError('CONFLICT', 'You cannot change your own role');
      const [row] = await s.db.update(users).set({ role, updatedAt: s.clock.now() }).where(eq(users.id, id)).returning();
      if (!row) throw new EncoreError('USER_NOT_FOUND', 'No such user', { userId: id });
      c.get('log').info({ targetUserId: id, role, by: c.get('auth').userId }, 'role changed');
      return c.json({ user: toAccountUser(row) });
    });
}
