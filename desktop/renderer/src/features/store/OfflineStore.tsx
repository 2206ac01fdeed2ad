import { useModel } from '../../app/ModelContext';
import { Button } from '../../ui/Button';
import { CloudOffIcon } from '../../ui/icons';
import { useDownloads, useDownloadsModel } from '../downloads/useDownloads';
import { useOfflinePlayer } from '../downloads/useOfflinePlayer';

/** The Store with no connection: says so plainly and lists what is downloaded, playable here. */
export function OfflineStore() {
  const nav = useModel().navigation;
  const downloads = useDownloadsModel();
  const items = useDownloads(downloads, (s) => s.items).filter((d) => d.state === 'done');
  const player = useOfflinePlayer(downloads);
  return (
    <div data-testid="store-offline" className="flex flex-col gap-6">
      <div className="flex items-start gap-4 rounded-xl border border-line bg-surface p-5">
        <span aria-hidden className="size-8 text-ink-faint [&>svg]:size-8">
          <CloudOffIcon />
        </span>
        <div>
          <h2 className="text-lg font-semibold">The Store needs a connection</h2>
          <p className="mt-1 text-sm text-ink-muted">Browsing, searching and streaming come back as soon as Encore reaches its server. What you downloaded keeps playing meanwhile.</p>
        </div>
      </div>
      <section>
        <h3 className="mb-3 text-lg font-semibold">Downloaded</h3>
        {items.length === 0 ? (
          <p className="text-sm text-ink-faint">Nothing downloaded yet. Next time you’re online, use Download on a track or album to keep it here.</p>
        ) : (
          <ul className="flex flex-col">
            {items.map((d) => (
              <li key={d.id} data-testid="store-offline-track" className="flex items-center gap-3 rounded-md px-3 py-1.5 hover:bg-raised/60">
                <Button size="sm" variant={player.playing === d.id ? 'primary' : 'secondary'} data-testid="store-offline-play" onClick={() => void player.toggle(d)}>
                  {player.playing === d.id ? 'Pause' : 'Play'}
                </Button>
                <span className="min-w-0 flex-1 truncate text-sm">
                  {d.title} <span className="text-ink-muted">— {d.artist}</span>
                </span>
              </li>
            ))}
          </ul>
        )}
        {player.error && <p role="alert" className="mt-2 text-sm text-danger">{player.error}</p>}
        <Button size="sm" variant="ghost" className="mt-3" onClick={() => nav.go('downloads')}>
          Manage downloads →
        </Button>
      </section>
    </div>
  );
}
