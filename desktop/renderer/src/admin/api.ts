import { z } from 'zod';
import { LoginRequest } from '@encore/shared/api/auth';
import { Role } from '@encore/shared/domain/user';
import { EncoreError, ErrorEnvelope } from '@encore/shared/errors';

/** Staff who may use the admin view. */
export const STAFF_ROLES: readonly string[] = ['admin', 'moderator'];

const LoginReply = z.object({
  accessToken: z.string().min(1),
  user: z.looseObject({ username: z.string(), role: z.string() }),
});
export type StaffLogin = z.infer<typeof LoginReply>;

/** One row of the users table. Parsed leniently: a newer server may send more or fewer fields. */
export const AdminUserRow = z.looseObject({
  id: z.union([z.string(), z.number()]).transform(String),
  username: z.string(),
  email: z.string().optional().catch(undefined),
  role: z.union([Role, z.string()]).catch('unknown'),
  createdAt: z.string().optional().catch(undefined),
  isVerified: z.boolean().optional().catch(undefined),
  isActive: z.boolean().optional().catch(undefined),
  profile: z.looseObject({ displayName: z.string().optional().catch(undefined) }).optional().catch(undefined),
});
export type AdminUserRow = z.infer<typeof AdminUserRow>;

const UsersReply = z.object({
  users: z.array(z.unknown()),
  total: z.number().int().nonnegative().optional(),
  page: z.number().int().positive().optional(),
  pageSize: z.number().int().positive().optional(),
});

export interface UsersPage {
  users: AdminUserRow[];
  /** Rows the server sent that could not be shown (missing id or username). */
  skipped: number;
  total: number;
  page: number;
  pageSize: number;
}

type Fetch = typeof fetch;

async function request(fetchImpl: Fetch, url: string, init: RequestInit): Promise<unknown> {
  let res: Response;
  try {
    res = await fetchImpl(url, { ...init, headers: { accept: 'application/json', ...init.headers } });
  } catch {
    throw new EncoreError('OFFLINE', `Could not reach ${new URL(url).origin}`);
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const envelope = ErrorEnvelope.safeParse(body);
    if (envelope.success) throw EncoreError.fromBody(envelope.data.error);
    throw new EncoreError(res.status === 401 ? 'UNAUTHENTICATED' : res.status === 403 ? 'FORBIDDEN' : 'INTERNAL', `HTTP ${res.status}`);
  }
  return body;
}

/** `POST /api/auth/login`; refuses accounts that are not staff before any admin call. */
export async function staffLogin(server: string, input: LoginRequest, fetchImpl: Fetch = fetch): Promise<StaffLogin> {
  const body = await request(fetchImpl, `${server}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(LoginRequest.parse(input)),
  });
  const reply = LoginReply.safeParse(body);
  if (!reply.success) throw new EncoreError('INTERNAL', 'The server answered the login in an unexpected shape.');
  if (!STAFF_ROLES.includes(reply.data.user.role)) throw new EncoreError('FORBIDDEN', 'This account is not staff.');
  return reply.data;
}

/** `GET /api/admin/users?q=&page=` with the staff member's bearer token. */
export async function listUsers(server: string, token: string, query: { q: string; page: number }, fetchImpl: Fetch = fetch): Promise<UsersPage> {
  const params = new URLSearchParams({ q: query.q, page: String(query.page) });
  const body = await request(fetchImpl, `${server}/api/admin/users?${params}`, { headers: { authorization: `Bearer ${token}` } });
  const reply = UsersReply.safeParse(body);
  if (!reply.success) throw new EncoreError('INTERNAL', 'The server answered the user list in an unexpected shape.');
  const users: AdminUserRow[] = [];
  let skipped = 0;
  for (const raw of reply.data.users) {
    const row = AdminUserRow.safeParse(raw);
    if (row.success) users.push(row.data);
    else skipped += 1;
  }
  const pageSize = reply.data.pageSize ?? Math.max(users.length, 1);
  return { users, skipped, total: reply.data.total ?? users.length, page: reply.data.page ?? query.page, pageSize };
}
