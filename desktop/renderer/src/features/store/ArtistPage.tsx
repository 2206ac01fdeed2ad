import { AlbumGrid } from './AlbumGrid';
import { MarkButton } from './MarkButton';
import { StoreStatus } from './StoreStatus';
import { TrackList } from './TrackList';
import { useCatalog, useLoad } from './useCatalog';

/** An artist: name, bio, follow, top tracks and releases. */
export function ArtistPage({ id }: { id: string }) {
  const { api } = useCatalog();
  const page = useLoad(`artist:${id}`, () => api.artist(id));
  return (
    <StoreStatus result={page}>
      {({ artist, albums, topTracks }) => (
        <div data-testid="store-artist-page" className="flex flex-col gap-8">
          <header className="flex flex-wrap items-end justify-between gap-4">
            <div className="min-w-0">
              <p className="text-xs font-semibold uppercase tracking-wider text-ink-faint">Artist</p>
              <h2 data-testid="store-artist-name" className="truncate text-4xl font-bold tracking-tight">{artist.name}</h2>
              {artist.bio && <p className="mt-2 max-w-2xl text-sm text-ink-muted">{artist.bio}</p>}
            </div>
            <MarkButton kind="follow" id={artist.id} />
          </header>
          <section>
            <h3 className="mb-3 text-lg font-semibold">Top tracks</h3>
            <TrackList tracks={topTracks} empty="No released tracks yet." />
          </section>
          <section>
            <h3 className="mb-3 text-lg font-semibold">Releases</h3>
            <AlbumGrid albums={albums} empty="No albums yet." />
          </section>
        </div>
      )}
    </StoreStatus>
  );
}
