import { useLibrary, usePlayerContext } from '../player/PlayerContext';
import { TrackMenu } from './TrackMenu';
import { AlbumArt } from './AlbumArt';
import { DownloadedBadge } from './DownloadedBadge';

/** Search as you type: songs, albums and artists in groups. */
export function SearchResultsView() {
  const { library, player } = usePlayerContext();
  const r = useLibrary((s) => s.search);
  const query = useLibrary((s) => s.query);
  if (!r) return <p className="p-6 text-ink-faint">Searching…</p>;
  const empty = !r.songs.length && !r.albums.length && !r.artists.length;
  const clear = () => void library.search('');
  return (
    <div data-testid="search-results" className="min-h-0 flex-1 overflow-y-auto px-6 py-4">
      {empty && <p className="text-ink-muted">Nothing in your library matches “{query}”.</p>}
      {r.songs.length > 0 && (
        <section data-testid="search-songs">
          <h3 className="mb-2 text-[11px] font-semibold uppercase tracking-wider text-ink-faint">Songs</h3>
          {r.songs.map((t, i) => (
            <div key={t.id} data-testid="search-song" className="group flex items-center gap-3 rounded-md px-2 py-1.5 hover:bg-raised">
              <button type="button" data-testid="search-song-play" aria-label={`Play ${t.title}`} onClick={() => void player.playTracks(r.songs, i)} className="flex min-w-0 flex-1 flex-col text-left">
                <span className="truncate text-sm text-ink">{t.title}</span>
                <span className="flex min-w-0 items-center gap-1.5 text-xs text-ink-muted">
                  <DownloadedBadge track={t} />
                  <span className="truncate">{[t.artists.join(', '), t.album].filter(Boolean).join(' · ')}</span>
                </span>
              </button>
              <TrackMenu track={t} />
            </div>
          ))}
        </section>
      )}
      {r.albums.length > 0 && (
        <section data-testid="search-albums" className="mt-6">
          <h3 className="mb-2 text-[11px] font-semibold uppercase tracking-wider text-ink-faint">Albums</h3>
          <div className="flex flex-wrap gap-2">
            {r.albums.map((a) => (
              <button key={`${a.album}-${a.albumArtist}`} type="button" onClick={() => (clear(), void library.show({ kind: 'album', album: a.album, albumArtist: a.albumArtist }))} className="flex items-center gap-3 rounded-lg border border-line py-1.5 pl-1.5 pr-3 text-left text-sm hover:bg-raised">
                <AlbumArt hash={a.artworkHash} px={64} alt="" className="size-10 shrink-0 rounded-md [&>svg]:size-5" />
                <span>
                  {a.album}
                  <span className="block text-xs text-ink-muted">{a.albumArtist}</span>
                </span>
              </button>
            ))}
          </div>
        </section>
      )}
      {r.artists.length > 0 && (
        <section data-testid="search-artists" className="mt-6">
          <h3 className="mb-2 text-[11px] font-semibold uppercase tracking-wider text-ink-faint">Artists</h3>
          <div className="flex flex-wrap gap-2">
            {r.artists.map((a) => (
              <button key={a.name} type="button" onClick={() => (clear(), void library.show({ kind: 'artist', name: a.name }))} className="rounded-full border border-line px-3 py-1.5 text-sm hover:bg-raised">
                {a.name}
              </button>
            ))}
          </div>
        </section>
      )}
    </div>
  );
}
