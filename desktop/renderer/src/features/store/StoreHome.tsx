import { AlbumGrid } from './AlbumGrid';
import { StoreStatus } from './StoreStatus';
import { TrackList } from './TrackList';
import { useStoreNav } from './storePages';
import { useCatalog, useLoad } from './useCatalog';

function Heading({ children }: { children: React.ReactNode }) {
  return <h3 className="mb-3 text-lg font-semibold tracking-tight">{children}</h3>;
}

/** The Store's front page: new releases (tracks and albums) and the genres to browse. */
export function StoreHome() {
  const { api } = useCatalog();
  const nav = useStoreNav();
  const home = useLoad('home', async () => {
    const [tracks, albums, genres] = await Promise.all([api.newTracks(10), api.newAlbums(12), api.genres()]);
    return { tracks: tracks.tracks, albums: albums.albums, genres: genres.genres };
  });
  return (
    <StoreStatus result={home}>
      {({ tracks, albums, genres }) => (
        <div data-testid="store-home" className="flex flex-col gap-8">
          <section>
            <Heading>Genres</Heading>
            {genres.length === 0 ? (
              <p className="text-sm text-ink-faint">Nothing released yet — the first artists are on their way.</p>
            ) : (
              <ul className="flex flex-wrap gap-2">
                {genres.map((g) => (
                  <li key={g.name}>
                    <button type="button" data-testid="store-genre" onClick={() => nav.open({ kind: 'genre', name: g.name })} className="rounded-full border border-line bg-raised px-3 py-1 text-sm capitalize hover:border-line-strong">
                      {g.name} <span className="text-xs text-ink-faint">{g.trackCount}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section>
            <Heading>New albums</Heading>
            <AlbumGrid albums={albums} />
          </section>
          <section>
            <Heading>New releases</Heading>
            <TrackList tracks={tracks} />
          </section>
        </div>
      )}
    </StoreStatus>
  );
}

/** The tracks of one genre, newest first. */
export function GenrePage({ name }: { name: string }) {
  const { api } = useCatalog();
  const tracks = useLoad(`genre:${name}`, () => api.genreTracks(name));
  return (
    <div data-testid="store-genre-page">
      <h2 className="mb-4 text-2xl font-semibold capitalize tracking-tight">{name}</h2>
      <StoreStatus result={tracks}>{(v) => <TrackList tracks={v.tracks} />}</StoreStatus>
    </div>
  );
}
