import type { Role } from '@encore/shared/domain/user';
import { Role as RoleSchema } from '@encore/shared/domain/user';
import { Badge } from '../ui/Badge';
import { ROLE_LABELS, ROLE_TONES } from '../features/shell/userLabels';
import type { AdminUserRow } from './api';

const dateFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

function RoleBadge({ role }: { role: string }) {
  const known = RoleSchema.safeParse(role);
  if (!known.success) return <Badge>{role}</Badge>;
  const r: Role = known.data;
  return <Badge tone={ROLE_TONES[r]}>{ROLE_LABELS[r]}</Badge>;
}

function formatDate(iso: string | undefined): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '—' : dateFormat.format(t);
}

export function UsersTable({ users }: { users: AdminUserRow[] }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-line">
      <table data-testid="admin-users-table" className="w-full text-left text-sm">
        <thead className="bg-surface text-xs tracking-wide text-ink-faint uppercase">
          <tr>
            <th scope="col" className="px-4 py-3 font-medium">User</th>
            <th scope="col" className="px-4 py-3 font-medium">Email</th>
            <th scope="col" className="px-4 py-3 font-medium">Role</th>
            <th scope="col" className="px-4 py-3 font-medium">Status</th>
            <th scope="col" className="px-4 py-3 font-medium">Joined</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} data-testid="admin-user-row" className="border-t border-line hover:bg-surface/60">
              <td className="px-4 py-3">
                {u.profile?.displayName ? (
                  <>
                    <p className="font-medium text-ink">{u.profile.displayName}</p>
                    <p className="text-[13px] text-ink-muted">@{u.username}</p>
                  </>
                ) : (
                  <p className="font-medium text-ink">@{u.username}</p>
                )}
              </td>
              <td className="px-4 py-3 text-ink-muted">{u.email ?? '—'}</td>
              <td className="px-4 py-3">
                <RoleBadge role={u.role} />
              </td>
              <td className="px-4 py-3">
                <div className="flex flex-wrap gap-1.5">
                  {u.isActive === false && <Badge tone="danger">Suspended</Badge>}
                  {u.isVerified === true && <Badge tone="ok">Verified</Badge>}
                  {u.isVerified === false && <Badge tone="warn">Unverified</Badge>}
                  {u.isActive !== false && u.isVerified === undefined && <span className="text-ink-faint">—</span>}
                </div>
              </td>
              <td className="px-4 py-3 whitespace-nowrap text-ink-muted">{formatDate(u.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
