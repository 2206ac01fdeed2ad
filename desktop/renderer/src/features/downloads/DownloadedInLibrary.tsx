import { useModel } from '../../app/ModelContext';
import { useDownloads, useDownloadsModel } from './useDownloads';

/**
 * The library's entry for catalog tracks downloaded for offline play: how many are ready, the
 * first few by name, marked as coming from the catalog; opens the Downloads view to play them.
 */
export function DownloadedInLibrary() {
  const model = useDownloadsModel();
  const nav = useModel().navigation;
  const items = useDownloads(model, (s) => s.items);
  const done = items.filter((d) => d.state === 'done');
  if (done.length === 0) return null;
  return (
    <div data-testid="library-downloaded" className="mt-4">
      <p className="flex items-center justify-between px-3 text-[11px] font-semibold uppercase tracking-wider text-ink-faint">
        Downloaded
        <span className="rounded-full border border-line px-1.5 text-[10px] font-medium normal-case tracking-normal">catalog</span>
      </p>
      {done.slice(0, 5).map((d) => (
        <button key={d.id} type="button" title={`${d.title} — ${d.artist} (downloaded from the catalog)`} data-testid={`library-downloaded-${d.id}`} onClick={() => nav.go('downloads')} className="flex w-full items-center gap-2 rounded-md px-3 py-1.5 text-left text-sm text-ink-muted hover:bg-raised/60">
          <span aria-hidden className="text-accent">↓</span>
          <span className="truncate">{d.title}</span>
        </button>
      ))}
      <button type="button" data-testid="library-downloaded-all" onClick={() => nav.go('downloads')} className="w-full rounded-md px-3 py-1.5 text-left text-xs text-ink-faint hover:text-ink">
        All {done.length} downloaded {done.length === 1 ? 'track' : 'tracks'} →
      </button>
    </div>
  );
}
