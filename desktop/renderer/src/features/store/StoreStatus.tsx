import { friendlyMessage } from '../../model/errorMessages';
import { Button } from '../../ui/Button';
import type { Loadable } from './useCatalog';

/** What a Store page shows while its data loads or when it failed: never a blank page. */
export function StoreStatus<T>({ result, children }: { result: Loadable<T> & { reload(): void }; children: (value: T) => React.ReactNode }) {
  if (result.state === 'ready') return <>{children(result.value)}</>;
  if (result.state === 'loading')
    return (
      <p role="status" data-testid="store-loading" className="flex items-center gap-2 px-1 py-6 text-sm text-ink-muted">
        <span aria-hidden className="size-3.5 animate-spin rounded-full border-2 border-current border-r-transparent" /> Loading…
      </p>
    );
  return (
    <div role="alert" data-testid="store-error" className="flex items-center gap-3 rounded-lg border border-danger/40 bg-danger/10 px-4 py-3 text-sm">
      <span className="flex-1">{friendlyMessage(result.error)}</span>
      <Button size="sm" onClick={result.reload}>
        Try again
      </Button>
    </div>
  );
}
