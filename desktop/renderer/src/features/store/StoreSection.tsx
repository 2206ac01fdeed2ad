import { useMemo, useState } from 'react';
import { Button } from '../../ui/Button';
import { PublishFileButton } from '../publish/PublishFileButton';
import { ArrowLeftIcon } from '../../ui/icons';
import { AlbumPage } from './AlbumPage';
import { ArtistPage } from './ArtistPage';
import { OfflineStore } from './OfflineStore';
import { SearchBox } from './SearchBox';
import { SearchPage } from './SearchPage';
import { GenrePage, StoreHome } from './StoreHome';
import { YourLibraryPage } from './YourLibraryPage';
import { pageKey, StoreNavContext, type StoreNav, type StorePage } from './storePages';
import { useStoreOffline } from './useCatalog';

function Page({ page }: { page: StorePage }) {
  switch (page.kind) {
    case 'home':
      return <StoreHome />;
    case 'library':
      return <YourLibraryPage />;
    case 'search':
      return <SearchPage q={page.q} />;
    case 'genre':
      return <GenrePage name={page.name} />;
    case 'artist':
      return <ArtistPage id={page.id} />;
    case 'album':
      return <AlbumPage id={page.id} />;
  }
}

/**
 * The Store: the public catalog. Home (genres, new albums, new releases), search with
 * suggestions, artist and album pages. Tracks play in the app's player, streamed through the host. Offline it
 * says so and lists the downloaded tracks, which still play.
 */
export function StoreSection() {
  const offline = useStoreOffline();
  const [history, setHistory] = useState<StorePage[]>([{ kind: 'home' }]);
  const page = history.at(-1)!;
  const nav = useMemo<StoreNav>(
    () => ({
      page,
      canGoBack: history.length > 1,
      open: (next) => setHistory((h) => (pageKey(h.at(-1)!) === pageKey(next) ? h : [...h, next])),
      back: () => setHistory((h) => (h.length > 1 ? h.slice(0, -1) : h)),
    }),
    [history, page],
  );
  return (
    <StoreNavContext.Provider value={nav}>
      <div data-testid="store" className="flex h-full min-h-0 flex-col">
        <div className="flex items-center gap-3 border-b border-line px-6 py-3">
          <Button size="sm" variant="ghost" aria-label="Back" disabled={!nav.canGoBack} onClick={nav.back} className="[&>svg]:size-4">
            <ArrowLeftIcon />
          </Button>
          <button type="button" onClick={() => nav.open({ kind: 'home' })} className="text-lg font-semibold tracking-tight hover:text-accent">
            Store
          </button>
          <button type="button" data-testid="store-open-library" aria-current={page.kind === 'library' ? 'page' : undefined} onClick={() => nav.open({ kind: 'library' })} className={page.kind === 'library' ? 'text-sm font-medium text-accent' : 'text-sm text-ink-muted hover:text-ink'}>
            Liked &amp; saved
          </button>
          <div className="flex-1" />
          {!offline && <SearchBox key={pageKey(page)} />}
          {!offline && <PublishFileButton />}
        </div>
        <div className="min-h-0 flex-1 overflow-y-auto px-6 py-6">{offline ? <OfflineStore /> : <Page key={pageKey(page)} page={page} />}</div>
      </div>
    </StoreNavContext.Provider>
  );
}
