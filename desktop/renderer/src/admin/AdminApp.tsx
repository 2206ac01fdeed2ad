import { useCallback, useState } from 'react';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { EncoreMark } from '../ui/icons';
import type { StaffLogin } from './api';
import { AdminSignIn } from './AdminSignIn';
import { UsersView } from './UsersView';

export interface AdminAppProps {
  /** The sync-server's base URL (see `serverFromSearch`). */
  server: string;
  fetchImpl?: typeof fetch;
}

/**
 * The staff's admin web view. The access token lives only in memory: closing or reloading
 * the tab signs out, so a shared computer keeps no staff credentials.
 */
export function AdminApp({ server, fetchImpl = fetch.bind(globalThis) }: AdminAppProps) {
  const [login, setLogin] = useState<StaffLogin | null>(null);
  const signOut = useCallback(() => setLogin(null), []);

  if (!login) return <AdminSignIn server={server} fetchImpl={fetchImpl} onSignedIn={setLogin} />;
  return (
    <div className="flex min-h-full flex-col">
      <header className="flex h-14 items-center gap-3 border-b border-line bg-shell px-6">
        <EncoreMark className="size-7" />
        <span className="text-[15px] font-semibold">Encore Admin</span>
        <span className="ml-2 font-mono text-xs text-ink-faint">{server}</span>
        <div className="ml-auto flex items-center gap-3">
          <span className="text-sm text-ink-muted" data-testid="admin-staff-name">
            @{login.user.username}
          </span>
          <Badge tone={login.user.role === 'admin' ? 'danger' : 'warn'}>{login.user.role === 'admin' ? 'Admin' : 'Moderator'}</Badge>
          <Button size="sm" variant="ghost" onClick={signOut} data-testid="admin-sign-out">
            Sign out
          </Button>
        </div>
      </header>
      <main className="mx-auto w-full max-w-6xl px-6 py-8">
        <UsersView server={server} token={login.accessToken} fetchImpl={fetchImpl} onSessionEnded={signOut} />
      </main>
    </div>
  );
}
