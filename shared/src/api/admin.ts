import { z } from 'zod';
import { AccountUser, Role } from '../domain/user';

/** Query of GET /api/admin/users: 1-based page, free-text search over username and email. */
export const AdminUserListQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  q: z.string().trim().max(254).optional(),
});
export type AdminUserListQuery = z.infer<typeof AdminUserListQuery>;

export const AdminUserListResponse = z.object({
  users: z.array(AccountUser),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});
export type AdminUserListResponse = z.infer<typeof AdminUserListResponse>;

/** Body of PUT /api/admin/users/:id/role. */
export const UpdateRoleRequest = z.object({ role: Role });
export type UpdateRoleRequest = z.infer<typeof UpdateRoleRequest>;

export const AdminUserResponse = z.object({ user: AccountUser });
export type AdminUserResponse = z.infer<typeof AdminUserResponse>;
