import type { CatalogTrack } from '@encore/shared/api/catalog';
import type { AlbumSummary } from '@encore/shared/api/catalogReleases';
import { AlbumGrid } from './AlbumGrid';
import { StoreStatus } from './StoreStatus';
import { TrackList } from './TrackList';
import { useStoreNav } from './storePages';
import { useCatalog, useLoad } from './useCatalog';

/** Albums of the best-matching tracks, in the order their tracks ranked (search ranks tracks and artists only). */
async function albumsOf(tracks: readonly CatalogTrack[], load: (id: string) => Promise<{ album: AlbumSummary }>): Promise<AlbumSummary[]> {
  const ids = [...new Set(tracks.map((t) => t.albumId).filter((id): id is string => id !== null))].slice(0, 6);
  const found = await Promise.allSettled(ids.map(load));
  return found.flatMap((r) => (r.status === 'fulfilled' ? [r.value.album] : []));
}

/** Search results grouped as tracks, albums and artists; the server tolerates typos. */
export function SearchPage({ q }: { q: string }) {
  const { api } = useCatalog();
  const nav = useStoreNav();
  const result = useLoad(`search:${q}`, async () => {
    const found = await api.search(q, 30);
    return { ...found, albums: await albumsOf(found.tracks, api.album) };
  });
  return (
    <div data-testid="store-search-page" className="flex flex-col gap-8">
      <h2 className="text-2xl font-semibold tracking-tight">
        Results for “<span data-testid="store-search-query">{q}</span>”
      </h2>
      <StoreStatus result={result}>
        {({ tracks, artists, albums }) =>
          tracks.length + artists.length === 0 ? (
            <p data-testid="store-search-empty" className="text-sm text-ink-muted">Nothing matches “{q}”. Check the spelling or try fewer words.</p>
          ) : (
            <>
              <section data-testid="store-results-tracks">
                <h3 className="mb-3 text-lg font-semibold">Tracks</h3>
                <TrackList tracks={tracks} empty="No tracks match." />
              </section>
              <section data-testid="store-results-albums">
                <h3 className="mb-3 text-lg font-semibold">Albums</h3>
                <AlbumGrid albums={albums} empty="No albums match." />
              </section>
              <section data-testid="store-results-artists">
                <h3 className="mb-3 text-lg font-semibold">Artists</h3>
                {artists.length === 0 ? (
                  <p className="text-sm text-ink-faint">No artists match.</p>
                ) : (
                  <ul className="flex flex-wrap gap-2">
                    {artists.map((a) => (
                      <li key={a.id}>
                        <button type="button" data-testid="store-artist-result" onClick={() => nav.open({ kind: 'artist', id: a.id })} className="rounded-full border border-line bg-raised px-4 py-2 text-sm hover:border-line-strong">
                          {a.name}
                        </button>
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            </>
          )
        }
      </StoreStatus>
    </div>
  );
}
