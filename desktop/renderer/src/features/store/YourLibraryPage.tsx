import { useEffect, useState } from 'react';
import { LikedTracksPage, SavedAlbumsPage } from '@encore/shared/api/social';
import { useSession } from '../../app/ModelContext';
import { AlbumGrid } from './AlbumGrid';
import { useLibraryMarks } from './libraryMarks';
import { StoreStatus } from './StoreStatus';
import { TrackList } from './TrackList';
import { useCatalog, useLoad } from './useCatalog';

/** Most marks the page shows; the rest are still in the user's library, listed by Subsonic clients and the web. */
const LIMIT = 100;
/** While marks are missing from the server's lists (just made, on their way), re-read them this often, this many times. */
const RETRY_MS = 800;
const RETRIES = 8;

/**
 * The catalog part of the user's library: liked songs and saved albums. Which ones (and in
 * what order) is the user's library-state document (so a like made a moment ago, offline or
 * on another device, shows; an unlike hides at once); what they are (titles, covers) comes
 * from the server's lists, re-read while a mark is missing from them. A mark the server has
 * not taken yet shows as syncing.
 */
export function YourLibraryPage() {
  const { api } = useCatalog();
  const [liked] = useLibraryMarks((s) => s.likedTracks);
  const [saved] = useLibraryMarks((s) => s.savedAlbums);
  const [available] = useLibraryMarks((s) => s.available);
  const signedIn = useSession((s) => s.session.state === 'signed-in');
  const [round, setRound] = useState(0);
  const lists = useLoad(`library:${round}`, async () => {
    const [likes, saves] = await Promise.all([api.json(LikedTracksPage, `/api/me/likes?limit=${LIMIT}`, undefined, 'required'), api.json(SavedAlbumsPage, `/api/me/saves?limit=${LIMIT}`, undefined, 'required')]);
    return { tracks: new Map(likes.items.map((i) => [i.track.id, i.track])), albums: new Map(saves.items.map((i) => [i.album.id, i.album])) };
  });
  const missing = lists.state === 'ready' ? liked.filter((id) => !lists.value.tracks.has(id)).length + saved.filter((id) => !lists.value.albums.has(id)).length : 0;
  useEffect(() => {
    if (missing === 0 || round >= RETRIES) return;
    const t = setTimeout(() => setRound((r) => r + 1), RETRY_MS);
    return () => clearTimeout(t);
  }, [missing, round]);
  useEffect(() => setRound(0), [liked, saved]);
  if (!available || !signedIn) return <p data-testid="store-library-signed-out" className="text-sm text-ink-faint">Sign in to like songs and save albums; they follow you to all your devices.</p>;
  return (
    <StoreStatus result={lists}>
      {({ tracks, albums }) => {
        const likedTracks = liked.flatMap((id) => tracks.get(id) ?? []);
        const savedAlbums = saved.flatMap((id) => albums.get(id) ?? []);
        return (
          <div data-testid="store-library" className="flex flex-col gap-8">
            <section data-testid="store-liked">
              <h2 className="mb-3 text-2xl font-semibold tracking-tight">Liked songs</h2>
              <TrackList tracks={likedTracks} empty="Songs you like in the Store show here." />
            </section>
            <section data-testid="store-saved-albums">
              <h2 className="mb-3 text-2xl font-semibold tracking-tight">Your albums</h2>
              <AlbumGrid albums={savedAlbums} empty="Albums you save show here." />
            </section>
            {missing > 0 && <p data-testid="store-library-pending" className="text-xs text-ink-faint">{missing} more syncing with the server…</p>}
          </div>
        );
      }}
    </StoreStatus>
  );
}
