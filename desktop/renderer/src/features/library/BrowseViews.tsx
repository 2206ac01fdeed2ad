import { useCallback } from 'react';
import { useStore } from 'zustand';
import { cx } from '../../ui/cx';
import { useLibrary, usePlayerContext } from '../player/PlayerContext';
import { AlbumArt } from './AlbumArt';
import { VirtualList } from './VirtualList';

const CARD = 232;
const COLS = 5;

/** Albums as a virtualised grid of cards (rows of five). */
export function AlbumsGrid() {
  const { library } = usePlayerContext();
  const { rows, total, version } = useStore(library.albums.store);
  const onRange = useCallback((a: number, b: number) => library.albums.ensure(a * COLS, b * COLS), [library]);
  return (
    <VirtualList
      testId="albums-grid"
      label="Albums"
      count={Math.ceil(total / COLS)}
      rowHeight={CARD}
      resetKey={version}
      onRange={onRange}
      renderRow={(r) => (
        <div className="grid h-full grid-cols-5 gap-5 px-6 py-3">
          {Array.from({ length: COLS }, (_, c) => {
            const a = rows[r * COLS + c];
            if (!a) return <div key={c} />;
            return (
              <button key={c} type="button" data-testid="album-card" onClick={() => void library.show({ kind: 'album', album: a.album, albumArtist: a.albumArtist })} className="group flex min-w-0 flex-col text-left">
                <AlbumArt hash={a.artworkHash} px={256} alt={`Cover of ${a.album}`} className="aspect-square w-full rounded-xl shadow group-hover:ring-2 group-hover:ring-accent" />
                <span className="mt-2 truncate text-sm font-medium text-ink">{a.album}</span>
                <span className="truncate text-xs text-ink-muted">{[a.albumArtist, a.year].filter(Boolean).join(' · ')}</span>
              </button>
            );
          })}
        </div>
      )}
    />
  );
}

/** Artists, virtualised, with their counts. */
export function ArtistsList() {
  const { library } = usePlayerContext();
  const { rows, total, version } = useStore(library.artists.store);
  const onRange = useCallback((a: number, b: number) => library.artists.ensure(a, b), [library]);
  return (
    <VirtualList
      testId="artists-list"
      label="Artists"
      count={total}
      rowHeight={52}
      resetKey={version}
      onRange={onRange}
      renderRow={(i) => {
        const a = rows[i];
        return a ? (
          <button type="button" data-testid="artist-row" onClick={() => void library.show({ kind: 'artist', name: a.name })} className="flex h-full w-full items-center gap-3 px-6 text-left hover:bg-raised/70">
            <span className="grid size-9 place-items-center rounded-full bg-raised text-sm font-semibold text-ink-muted">{a.name.slice(0, 1).toUpperCase()}</span>
            <span className="flex-1 truncate text-sm text-ink">{a.name}</span>
            <span className="text-xs text-ink-faint">{a.albumCount} albums · {a.trackCount} songs</span>
          </button>
        ) : null;
      }}
    />
  );
}

export function GenresList() {
  const { library } = usePlayerContext();
  const genres = useLibrary((s) => s.genres);
  return (
    <div data-testid="genres-list" className="grid grid-cols-4 gap-3 overflow-y-auto p-6">
      {genres.map((g, i) => (
        <button key={g.name} type="button" data-testid="genre-card" onClick={() => void library.show({ kind: 'genre', name: g.name })} className={cx('h-24 rounded-xl p-4 text-left font-semibold text-ink hover:brightness-110', ['bg-[#3b2f6e]', 'bg-[#1f4d4a]', 'bg-[#5a2a3b]', 'bg-[#2d3f66]', 'bg-[#4d4420]'][i % 5])}>
          {g.name}
          <span className="block text-xs font-normal text-ink-muted">{g.trackCount} songs</span>
        </button>
      ))}
    </div>
  );
}

/** A library folder's subfolders and the tracks directly in it. */
export function FoldersView() {
  const { library, player } = usePlayerContext();
  const folders = useLibrary((s) => s.folders);
  const listing = useLibrary((s) => s.folderListing);
  const view = useLibrary((s) => s.view);
  if (view.kind !== 'folders') return null;
  const folderId = view.folderId ?? folders[0]?.id ?? null;
  const parts = listing?.dir ? listing.dir.split('/') : [];
  return (
    <div data-testid="folders-view" className="min-h-0 flex-1 overflow-y-auto px-6 py-4">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        {folders.map((f) => (
          <button key={f.id} type="button" onClick={() => void library.show({ kind: 'folders', folderId: f.id, dir: '' })} className={cx('rounded-md px-2 py-1', f.id === folderId ? 'bg-accent-soft text-ink' : 'text-ink-muted hover:bg-raised')}>
            {f.path}
          </button>
        ))}
      </div>
      {listing && (
        <>
          <p className="mt-3 text-xs text-ink-faint">
            <button type="button" onClick={() => void library.show({ kind: 'folders', folderId, dir: '' })}>/</button>
            {parts.map((p, i) => (
              <button key={i} type="button" onClick={() => void library.show({ kind: 'folders', folderId, dir: parts.slice(0, i + 1).join('/') })}>
                {p}/
              </button>
            ))}
          </p>
          <ul className="mt-2">
            {listing.subdirs.map((d) => (
              <li key={d.name}>
                <button type="button" data-testid="folder-dir" onClick={() => void library.show({ kind: 'folders', folderId, dir: listing.dir ? `${listing.dir}/${d.name}` : d.name })} className="flex w-full items-center gap-3 rounded-md px-2 py-2 text-left text-sm hover:bg-raised">
                  <span aria-hidden>📁</span>
                  <span className="flex-1">{d.name}</span>
                  <span className="text-xs text-ink-faint">{d.trackCount}</span>
                </button>
              </li>
            ))}
            {listing.tracks.map((t, i) => (
              <li key={t.id}>
                <button type="button" data-testid="folder-track" onDoubleClick={() => void player.playTracks(listing.tracks, i)} className="flex w-full items-center gap-3 rounded-md px-2 py-2 text-left text-sm hover:bg-raised">
                  <span aria-hidden>♪</span>
                  <span className="flex-1 truncate">{t.relPath.split('/').pop()}</span>
                  <span className="text-xs text-ink-muted">{t.title}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
