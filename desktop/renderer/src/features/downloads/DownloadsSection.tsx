import type { Download } from '@encore/shared/host/downloads';
import { useSession } from '../../app/ModelContext';
import { Button } from '../../ui/Button';
import { EmptyState } from '../../ui/EmptyState';
import { DownloadIcon } from './DownloadIcon';
import { DownloadRow } from './DownloadRow';
import { StorageBar } from './StorageBar';
import { useDownloads, useDownloadsModel } from './useDownloads';
import { useOfflinePlayer } from './useOfflinePlayer';

/** Items grouped by the album or playlist they were downloaded with; single tracks last. */
function groups(items: Download[]): { key: string; title: string; items: Download[] }[] {
  const out = new Map<string, { key: string; title: string; items: Download[] }>();
  for (const d of items) {
    const key = d.group ? `${d.group.kind}:${d.group.id}` : 'tracks';
    const title = d.group ? `${d.group.kind === 'album' ? 'Album' : 'Playlist'} · ${d.group.title}` : 'Tracks';
    if (!out.has(key)) out.set(key, { key, title, items: [] });
    out.get(key)!.items.push(d);
  }
  return [...out.values()].sort((a, b) => Number(a.key === 'tracks') - Number(b.key === 'tracks'));
}

/** The Downloads view: progress, pause/resume/retry/remove, storage used and its limit, offline playback. */
export function DownloadsSection() {
  const model = useDownloadsModel();
  const items = useDownloads(model, (s) => s.items);
  const storage = useDownloads(model, (s) => s.storage);
  const loaded = useDownloads(model, (s) => s.loaded);
  const error = useDownloads(model, (s) => s.error);
  const signedIn = useSession((s) => s.session.state === 'signed-in');
  const player = useOfflinePlayer(model);

  const actions = {
    pause: (id: string) => void model.pause([id]),
    resume: (id: string) => void model.resume([id]),
    retry: (id: string) => void model.retry([id]),
    remove: (id: string) => void model.remove([id]),
    play: (d: Download) => void player.toggle(d),
  };
  const active = items.filter((d) => d.state === 'queued' || d.state === 'downloading');
  const paused = items.filter((d) => d.state === 'paused');

  return (
    <div data-testid="downloads" className="mx-auto flex w-full max-w-4xl flex-col gap-5 px-6 py-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h2 className="text-2xl font-semibold tracking-tight">Downloads</h2>
          <p className="mt-1 text-[15px] text-ink-muted">Catalog tracks kept on this computer, encrypted, to play with no network. Each stays playable for 30 days offline, then needs one online check.</p>
        </div>
        <div className="flex gap-2">
          {active.length > 0 && (
            <Button size="sm" data-testid="downloads-pause-all" onClick={() => void model.pause(active.map((d) => d.id))}>
              Pause all
            </Button>
          )}
          {paused.length > 0 && (
            <Button size="sm" data-testid="downloads-resume-all" onClick={() => void model.resume(paused.map((d) => d.id))}>
              Resume all
            </Button>
          )}
        </div>
      </div>
      {storage && <StorageBar storage={storage} onLimit={(b) => void model.setLimit(b)} />}
      {(error || player.error) && (
        <p role="alert" data-testid="downloads-error" data-error-code={error?.code} className="rounded-lg border border-danger/40 bg-danger/10 px-4 py-2 text-sm text-danger">
          {player.error ?? (error?.code === 'BAD_REQUEST' || error?.code === 'HOST_UNAVAILABLE' ? 'Downloads are not available right now.' : error?.message)}
        </p>
      )}
      {loaded && items.length === 0 ? (
        <EmptyState
          icon={<DownloadIcon />}
          title="No downloads yet"
          description="Download tracks, albums or playlists from the store to listen on a plane, in the metro, anywhere. They appear in your library beside your own files."
          footnote={signedIn ? 'Your plan sets the quality: free up to 160 kbps, premium 320 kbps, HiFi lossless.' : 'Sign in to download from the catalog; up to 5 computers per account.'}
        />
      ) : (
        groups(items).map((g) => (
          <section key={g.key} aria-label={g.title} className="rounded-xl border border-line bg-surface">
            <h3 className="border-b border-line px-4 py-2 text-[12px] font-semibold uppercase tracking-wider text-ink-faint">{g.title}</h3>
            <ul>
              {g.items.map((d) => (
                <DownloadRow key={d.id} d={d} playing={player.playing === d.id} actions={actions} />
              ))}
            </ul>
          </section>
        ))
      )}
    </div>
  );
}
