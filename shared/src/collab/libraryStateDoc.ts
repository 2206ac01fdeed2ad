import type * as Y from 'yjs';
import { z } from 'zod';
import { AudioQuality } from '../domain/user';

/**
 * One user's library state (`/sync/user:<userId>:library`), shared by all their devices:
 * liked catalog tracks and saved catalog albums (Y.Maps keyed by id, value = when; a key
 * set on two devices is one like, an unlike deletes it) and player settings (one key each,
 * last writer wins). Only that user may open it.
 *
 * `serverLikes` / `serverAlbums` are bookkeeping of the desktops, not shown: the marks the
 * server (Subsonic, the web) was last seen to hold in agreement with this document, each
 * with the document's timestamp then — the common ancestor of the host's three-way merge
 * of the document with the server's likes and saves. Shared, so a device that never talked
 * to the server about a mark still knows whether the server already had it.
 */
export const LIBRARY_STATE_DOC_VERSION = 1;

export const SyncedPlayerSettings = z.object({
  crossfadeSec: z.number().min(0).max(12),
  normalization: z.enum(['off', 'track', 'album']),
  targetLufs: z.number().min(-30).max(-5),
  quality: AudioQuality,
});
export type SyncedPlayerSettings = z.infer<typeof SyncedPlayerSettings>;

export interface LibraryStateView {
  /** Liked catalog track ids, newest first. */
  likedTracks: string[];
  /** Saved catalog album ids, newest first. */
  savedAlbums: string[];
  /** Only the settings some device has set. */
  settings: Partial<SyncedPlayerSettings>;
}

const CatalogId = z.uuid();
const At = z.iso.datetime();

/**
 * @example
 * const state = new LibraryStateDoc(doc);
 * state.setLiked(trackId, true, new Date());
 * state.setSettings({ crossfadeSec: 4 });
 */
export class LibraryStateDoc {
  readonly likes: Y.Map<unknown>;
  readonly albums: Y.Map<unknown>;
  readonly settings: Y.Map<unknown>;
  readonly serverLikes: Y.Map<unknown>;
  readonly serverAlbums: Y.Map<unknown>;

  constructor(readonly doc: Y.Doc) {
    this.likes = doc.getMap('likedTracks');
    this.albums = doc.getMap('savedAlbums');
    this.settings = doc.getMap('playerSettings');
    this.serverLikes = doc.getMap('serverLikes');
    this.serverAlbums = doc.getMap('serverAlbums');
  }

  setLiked(trackId: string, liked: boolean, at: Date): void {
    const id = CatalogId.parse(trackId);
    if (liked) this.likes.set(id, at.toISOString());
    else this.likes.delete(id);
  }

  setSaved(albumId: string, saved: boolean, at: Date): void {
    const id = CatalogId.parse(albumId);
    if (saved) this.albums.set(id, at.toISOString());
    else this.albums.delete(id);
  }

  setSettings(patch: Partial<SyncedPlayerSettings>): void {
    const valid = SyncedPlayerSettings.partial().parse(patch);
    this.doc.transact(() => {
      for (const [k, v] of Object.entries(valid)) if (v !== undefined && this.settings.get(k) !== v) this.settings.set(k, v);
    });
  }

  view(): LibraryStateView {
    const settings: Record<string, unknown> = {};
    for (const key of Object.keys(SyncedPlayerSettings.shape) as (keyof SyncedPlayerSettings)[]) {
      const v = SyncedPlayerSettings.shape[key].safeParse(this.settings.get(key));
      if (v.success) settings[key] = v.data;
    }
    return { likedTracks: newestFirst(this.likes), savedAlbums: newestFirst(this.albums), settings: settings as Partial<SyncedPlayerSettings> };
  }
}

function newestFirst(map: Y.Map<unknown>): string[] {
  const rows: [string, string][] = [];
  for (const [id, at] of map.entries()) if (CatalogId.safeParse(id).success && At.safeParse(at).success) rows.push([id, at as string]);
  return rows.sort((a, b) => (a[1] === b[1] ? (a[0] < b[0] ? -1 : 1) : a[1] < b[1] ? 1 : -1)).map((r) => r[0]);
}
