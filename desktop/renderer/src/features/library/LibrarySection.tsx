import { useEffect, useState } from 'react';
import { EmptyState } from '../../ui/EmptyState';
import { LibraryIcon } from '../../ui/icons';
import { cx } from '../../ui/cx';
import { NowPlaying } from '../player/NowPlaying';
import { useLibrary, usePlayerContext } from '../player/PlayerContext';
import { DownloadedInLibrary } from '../downloads/DownloadedInLibrary';
import { AddFolder } from './AddFolder';
import { AlbumHeader } from './AlbumHeader';
import { AlbumsGrid, ArtistsList, FoldersView, GenresList } from './BrowseViews';
import type { LibraryView } from '../../model/libraryStore';
import { PlaylistView } from './PlaylistView';
import { SearchResultsView } from './SearchResultsView';
import { useSharedPlaylists, useSharedPlaylistsModel } from './sharedPlaylists';
import { SharedPlaylistsNav } from './SharedPlaylistsNav';
import { SharedPlaylistView } from './SharedPlaylistView';
import { SmartPlaylistEditor } from './SmartPlaylistEditor';
import { SongsTable } from './SongsTable';

const TABS: { view: LibraryView; label: string; id: string }[] = [
  { view: { kind: 'songs' }, label: 'Songs', id: 'songs' },
  { view: { kind: 'albums' }, label: 'Albums', id: 'albums' },
  { view: { kind: 'artists' }, label: 'Artists', id: 'artists' },
  { view: { kind: 'genres' }, label: 'Genres', id: 'genres' },
  { view: { kind: 'folders', folderId: null, dir: '' }, label: 'Folders', id: 'folders' },
  { view: { kind: 'recent' }, label: 'Recently added', id: 'recent' },
  { view: { kind: 'mostPlayed' }, label: 'Most played', id: 'mostPlayed' },
  { view: { kind: 'liked' }, label: 'Liked', id: 'liked' },
];

function title(view: LibraryView): string | null {
  if (view.kind === 'album') return view.album;
  if (view.kind === 'artist') return view.name;
  if (view.kind === 'genre') return view.name;
  return null;
}

/** The music library: views, search, playlists, smart playlists; now playing over it on demand. */
export function LibrarySection() {
  const { library, panel } = usePlayerContext();
  const view = useLibrary((s) => s.view);
  const loaded = useLibrary((s) => s.loaded);
  const folders = useLibrary((s) => s.folders);
  const hasTracks = useLibrary((s) => s.hasTracks);
  const query = useLibrary((s) => s.query);
  const filter = useLibrary((s) => s.filter);
  const error = useLibrary((s) => s.error);
  const notice = useLibrary((s) => s.notice);
  const playlists = useLibrary((s) => s.playlists);
  const smart = useLibrary((s) => s.smartPlaylists);
  const [editing, setEditing] = useState<'new' | number | null>(null);
  const [newName, setNewName] = useState<string | null>(null);
  const [importPath, setImportPath] = useState('');
  const [typed, setTyped] = useState(query);
  const shared = useSharedPlaylistsModel();
  const sharedSelected = useSharedPlaylists((s) => s.selected);
  useEffect(() => {
    // Search as you type, a beat after the last key.
    const t = setTimeout(() => void library.search(typed), 120);
    return () => clearTimeout(t);
  }, [typed, library]);

  if (panel === 'nowPlaying') return <div className="flex h-full"><NowPlaying /></div>;
  if (!loaded) return <div data-testid="library-loading" className="p-6 text-ink-faint">Loading your library…</div>;
  // Empty only with no folder and no downloaded catalog track either.
  if (!folders.length && !hasTracks)
    return (
      <EmptyState
        icon={<LibraryIcon />}
        title="Your library is empty"
        description="Add the folder where your music lives. Encore reads its tags, artwork and lyrics, and plays it offline, gapless."
        actions={<AddFolder />}
        footnote={error ?? 'Browse the computer running Encore, or type a folder path on it.'}
        highlights={[
          { title: 'Yours, on this computer', body: 'Tracks and playlists are kept in your data folder and never need the network to play.' },
          { title: 'Gapless and loudness-matched', body: 'Albums play without gaps; every track is levelled to the same loudness.' },
          { title: 'Synced lyrics', body: 'An .lrc file beside a song scrolls along as it plays.' },
        ]}
      />
    );

  const tab = (v: LibraryView) => TABS.find((t) => t.view.kind === v.kind)?.id;
  const smartView = view.kind === 'smart' ? smart.find((s) => s.id === view.id) ?? null : null;
  const songsLike = ['songs', 'album', 'artist', 'genre', 'recent', 'mostPlayed', 'liked', 'smart'].includes(view.kind);
  return (
    <div data-testid="library" className="flex h-full min-h-0">
      <nav
        aria-label="Library"
        className="flex w-56 shrink-0 flex-col gap-0.5 overflow-y-auto border-r border-line p-3"
        // Any other entry of the sidebar leaves the shared playlist shown in the main area.
        onClickCapture={(e) => sharedSelected && e.target instanceof Element && e.target.closest('button') && !e.target.closest('[data-shared-playlists]') && void shared.select(null)}
      >
        {TABS.map((t) => (
          <button key={t.id} type="button" data-testid={`library-tab-${t.id}`} aria-current={tab(view) === t.id && !query && !sharedSelected ? 'page' : undefined} onClick={() => (setTyped(''), void library.show(t.view))} className={cx('rounded-md px-3 py-1.5 text-left text-sm', tab(view) === t.id && !query && !sharedSelected ? 'bg-raised text-ink' : 'text-ink-muted hover:bg-raised/60 hover:text-ink')}>
            {t.label}
          </button>
        ))}
        <DownloadedInLibrary />
        <p className="mt-4 flex items-center justify-between px-3 text-[11px] font-semibold uppercase tracking-wider text-ink-faint">
          Playlists
          <button type="button" aria-label="New playlist" data-testid="playlist-new" onClick={() => setNewName('')} className="text-base text-ink-muted hover:text-ink">+</button>
        </p>
        {newName !== null && (
          <form onSubmit={(e) => (e.preventDefault(), newName.trim() && void library.createPlaylist(newName.trim()).then((p) => (setNewName(null), p && void library.show({ kind: 'playlist', id: p.id }))))}>
            <input autoFocus aria-label="New playlist name" data-testid="playlist-new-name" value={newName} onChange={(e) => setNewName(e.target.value)} onBlur={() => !newName && setNewName(null)} className="mx-1 h-8 w-[calc(100%-0.5rem)] rounded-md border border-line bg-raised px-2 text-sm" />
          </form>
        )}
        {playlists.map((p) => (
          <button key={p.id} type="button" data-testid={`playlist-${p.id}`} onClick={() => (setTyped(''), void library.show({ kind: 'playlist', id: p.id }))} className={cx('truncate rounded-md px-3 py-1.5 text-left text-sm', view.kind === 'playlist' && view.id === p.id ? 'bg-raised text-ink' : 'text-ink-muted hover:bg-raised/60')}>
            {p.name}
          </button>
        ))}
        <form className="mt-1 flex gap-1 px-1" onSubmit={(e) => (e.preventDefault(), importPath.trim() && void library.importM3u(importPath.trim()).then(() => setImportPath('')))}>
          <input aria-label="Import M3U8 (path)" placeholder="Import .m3u8 path" data-testid="playlist-import-path" value={importPath} onChange={(e) => setImportPath(e.target.value)} className="h-7 min-w-0 flex-1 rounded-md border border-line bg-raised px-2 text-xs" />
          <button type="submit" data-testid="playlist-import" className="rounded-md px-2 text-xs text-ink-muted hover:bg-raised">Import</button>
        </form>
        <SharedPlaylistsNav />
        <p className="mt-4 flex items-center justify-between px-3 text-[11px] font-semibold uppercase tracking-wider text-ink-faint">
          Smart playlists
          <button type="button" aria-label="New smart playlist" data-testid="smart-new" onClick={() => (setEditing('new'), void library.show({ kind: 'smart', id: null }))} className="text-base text-ink-muted hover:text-ink">+</button>
        </p>
        {smart.map((s) => (
          <button key={s.id} type="button" data-testid={`smart-${s.id}`} onClick={() => (setEditing(null), setTyped(''), void library.show({ kind: 'smart', id: s.id }))} className={cx('truncate rounded-md px-3 py-1.5 text-left text-sm', view.kind === 'smart' && view.id === s.id ? 'bg-raised text-ink' : 'text-ink-muted hover:bg-raised/60')}>
            ✦ {s.name}
          </button>
        ))}
      </nav>

      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex shrink-0 flex-wrap items-center gap-3 border-b border-line px-6 py-3">
          <input type="search" aria-label="Search the library" placeholder="Search songs, albums, artists" data-testid="library-search" value={typed} onChange={(e) => setTyped(e.target.value)} className="h-9 w-72 rounded-full border border-line bg-raised px-4 text-sm" />
          {songsLike && !query && (
            <input aria-label="Filter this view" placeholder="Filter" data-testid="library-filter" value={filter} onChange={(e) => void library.setFilter(e.target.value)} className="h-9 w-48 rounded-lg border border-line bg-raised px-3 text-sm" />
          )}
          {title(view) && !query && view.kind !== 'album' && (
            <h2 data-testid="view-title" className="truncate text-lg font-semibold">{title(view)}</h2>
          )}
          <div className="ml-auto">
            <AddFolder compact />
          </div>
        </header>
        {(error || notice) && (
          <p role={error ? 'alert' : 'status'} data-testid={error ? 'library-error' : 'library-notice'} className={cx('px-6 py-2 text-sm', error ? 'text-danger' : 'text-ok')}>
            {error ?? notice}
          </p>
        )}
        {sharedSelected && !query ? (
          <SharedPlaylistView />
        ) : query ? (
          <SearchResultsView />
        ) : view.kind === 'albums' ? (
          <AlbumsGrid />
        ) : view.kind === 'artists' ? (
          <ArtistsList />
        ) : view.kind === 'genres' ? (
          <GenresList />
        ) : view.kind === 'folders' ? (
          <FoldersView />
        ) : view.kind === 'playlist' ? (
          <PlaylistView id={view.id} />
        ) : view.kind === 'smart' && (editing !== null || !smartView) ? (
          <div className="overflow-y-auto p-6">
            <SmartPlaylistEditor key={String(editing)} existing={editing === 'new' ? null : smartView} onDone={() => setEditing(null)} />
          </div>
        ) : (
          <>
            {view.kind === 'album' && <AlbumHeader album={view.album} albumArtist={view.albumArtist} />}
            {smartView && (
              <div className="flex items-center gap-3 px-6 pt-3">
                <h2 className="text-lg font-semibold">✦ {smartView.name}</h2>
                <button type="button" data-testid="smart-edit" onClick={() => setEditing(smartView.id)} className="text-sm text-ink-muted hover:text-ink">Edit rules</button>
              </div>
            )}
            <SongsTable sortable={view.kind === 'songs' || view.kind === 'genre' || view.kind === 'liked'} />
          </>
        )}
      </div>
    </div>
  );
}
