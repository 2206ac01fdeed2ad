import { formatTime } from '../player/format';
import { DownloadButton } from '../downloads/DownloadButton';
import { Button } from '../../ui/Button';
import { CoverArt } from './CoverArt';
import { MarkButton } from './MarkButton';
import { StoreStatus } from './StoreStatus';
import { TrackList } from './TrackList';
import { useStoreNav } from './storePages';
import { useCatalog, useLoad } from './useCatalog';
import { useStorePlayer } from './useStorePlayer';

const TYPE = { album: 'Album', ep: 'EP', single: 'Single', compilation: 'Compilation' } as const;

/** An album: cover, its tracks in running order, play all, save and download. */
export function AlbumPage({ id }: { id: string }) {
  const { api } = useCatalog();
  const player = useStorePlayer();
  const nav = useStoreNav();
  const page = useLoad(`album:${id}`, () => api.album(id));
  return (
    <StoreStatus result={page}>
      {({ album }) => {
        const totalSec = album.tracks.reduce((n, t) => n + t.durationMs, 0) / 1000;
        return (
          <div data-testid="store-album-page" className="flex flex-col gap-6">
            <header className="flex flex-wrap items-end gap-6">
              <CoverArt coverId={album.coverId} title={album.title} size="lg" />
              <div className="flex min-w-0 flex-col gap-2">
                <p className="text-xs font-semibold uppercase tracking-wider text-ink-faint">{TYPE[album.albumType]}</p>
                <h2 data-testid="store-album-title" className="truncate text-4xl font-bold tracking-tight">{album.title}</h2>
                <p className="text-sm text-ink-muted">
                  <button type="button" className="font-medium text-ink hover:underline" onClick={() => nav.open({ kind: 'artist', id: album.artistId })}>
                    {album.artistName}
                  </button>
                  {' · '}
                  {album.tracks.length} {album.tracks.length === 1 ? 'track' : 'tracks'} · {formatTime(totalSec)}
                  {album.genres.length > 0 && ` · ${album.genres.join(', ')}`}
                </p>
                <div className="mt-2 flex flex-wrap items-center gap-2">
                  <Button variant="primary" size="sm" disabled={album.tracks.length === 0} data-testid="store-album-play" onClick={() => void player.playTracks(album.tracks, 0, album.title)}>
                    Play
                  </Button>
                  <Button size="sm" disabled={album.tracks.length === 0} onClick={() => player.addToQueue(album.tracks, album.title)}>
                    Add to queue
                  </Button>
                  <MarkButton kind="save" id={album.id} />
                  <DownloadButton target={{ kind: 'album', albumId: album.id }} showQuality />
                </div>
              </div>
            </header>
            <TrackList tracks={album.tracks} numbered album={album.title} empty="This album has no released tracks yet." />
          </div>
        );
      }}
    </StoreStatus>
  );
}
