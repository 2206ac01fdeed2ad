import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { EncoreError } from '@encore/shared/errors';
import { Button } from '../ui/Button';
import { cx, focusRing } from '../ui/cx';
import { SearchIcon } from '../ui/icons';
import { FormAlert } from '../features/auth/FormAlert';
import { listUsers, type UsersPage } from './api';
import { adminMessage } from './adminMessages';
import { UsersTable } from './UsersTable';

export interface UsersViewProps {
  server: string;
  token: string;
  fetchImpl: typeof fetch;
  /** The token was refused: back to sign-in. */
  onSessionEnded: () => void;
}

export function UsersView({ server, token, fetchImpl, onSessionEnded }: UsersViewProps) {
  const [draft, setDraft] = useState('');
  const [query, setQuery] = useState({ q: '', page: 1 });
  const [result, setResult] = useState<UsersPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);

  const load = useCallback(
    async (signal: { cancelled: boolean }) => {
      setLoading(true);
      setError(null);
      try {
        const page = await listUsers(server, token, query, fetchImpl);
        if (!signal.cancelled) setResult(page);
      } catch (err) {
        if (signal.cancelled) return;
        if (err instanceof EncoreError && (err.code === 'UNAUTHENTICATED' || err.code === 'TOKEN_EXPIRED')) return onSessionEnded();
        setError(adminMessage(err, server));
      } finally {
        if (!signal.cancelled) setLoading(false);
      }
    },
    [server, token, query, fetchImpl, onSessionEnded],
  );

  useEffect(() => {
    const signal = { cancelled: false };
    void load(signal);
    return () => {
      signal.cancelled = true;
    };
  }, [load]);

  const search = (e: FormEvent) => {
    e.preventDefault();
    setQuery({ q: draft.trim(), page: 1 });
  };
  const pages = result ? Math.max(1, Math.ceil(result.total / result.pageSize)) : 1;

  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Users</h1>
          <p className="mt-1 text-sm text-ink-muted" data-testid="admin-users-total">
            {result ? `${result.total} ${result.total === 1 ? 'account' : 'accounts'}${query.q ? ` matching “${query.q}”` : ''}` : 'Loading accounts…'}
          </p>
        </div>
        <form role="search" onSubmit={search} className="flex gap-2">
          <label className="relative">
            <span className="sr-only">Search users by name, username or email</span>
            <span aria-hidden className="pointer-events-none absolute top-1/2 left-3 -translate-y-1/2 text-ink-faint [&>svg]:size-4">
              <SearchIcon />
            </span>
            <input
              type="search"
              data-testid="admin-search"
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              placeholder="Name, username or email"
              className={cx('h-10 w-72 rounded-lg border border-line bg-canvas pr-3 pl-9 text-sm placeholder:text-ink-faint hover:border-line-strong', focusRing)}
            />
          </label>
          <Button type="submit" variant="secondary" data-testid="admin-search-submit">
            Search
          </Button>
        </form>
      </div>

      {error && <FormAlert message={error} />}
      {result && result.users.length > 0 && <UsersTable users={result.users} />}
      {result && result.users.length === 0 && !loading && (
        <div className="rounded-xl border border-dashed border-line px-6 py-12 text-center text-sm text-ink-muted" data-testid="admin-users-empty">
          {query.q ? `No accounts match “${query.q}”.` : 'No accounts yet.'}
        </div>
      )}
      {result && result.skipped > 0 && (
        <p className="text-[13px] text-warn">
          {result.skipped} {result.skipped === 1 ? 'row' : 'rows'} from the server could not be shown (missing id or username).
        </p>
      )}
      {result && pages > 1 && (
        <nav aria-label="Pages" className="flex items-center justify-end gap-3 text-sm text-ink-muted">
          <Button size="sm" disabled={query.page <= 1 || loading} onClick={() => setQuery((q) => ({ ...q, page: q.page - 1 }))}>
            Previous
          </Button>
          <span>
            Page {result.page} of {pages}
          </span>
          <Button size="sm" disabled={query.page >= pages || loading} onClick={() => setQuery((q) => ({ ...q, page: q.page + 1 }))}>
            Next
          </Button>
        </nav>
      )}
    </div>
  );
}
