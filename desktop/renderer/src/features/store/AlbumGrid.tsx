import type { AlbumSummary } from '@encore/shared/api/catalogReleases';
import { CoverArt } from './CoverArt';
import { useStoreNav } from './storePages';

const TYPE: Record<AlbumSummary['albumType'], string> = { album: 'Album', ep: 'EP', single: 'Single', compilation: 'Compilation' };

/** Album tiles: cover, title, artist and type; a tile opens the album page. */
export function AlbumGrid({ albums, empty = 'No albums yet.' }: { albums: readonly AlbumSummary[]; empty?: string }) {
  const nav = useStoreNav();
  if (albums.length === 0) return <p className="text-sm text-ink-faint">{empty}</p>;
  return (
    <ul className="grid grid-cols-[repeat(auto-fill,minmax(9.5rem,1fr))] gap-4">
      {albums.map((a) => (
        <li key={a.id}>
          <button type="button" data-testid="store-album-tile" onClick={() => nav.open({ kind: 'album', id: a.id })} className="flex w-full flex-col gap-2 rounded-lg p-2 text-left hover:bg-raised/60">
            <CoverArt coverId={a.coverId} title={a.title} />
            <span className="min-w-0">
              <span className="block truncate text-sm font-medium">{a.title}</span>
              <span className="block truncate text-xs text-ink-faint">
                {TYPE[a.albumType]} · {a.artistName}
              </span>
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
