import * as Y from 'yjs';
import { z } from 'zod';
import { compareByOrder, keyAt } from '../project/fractionalIndex';
import { createIdGenerator, type IdGenerator } from '../project/ids';

/**
 * The collaborative playlist document (`/sync/playlist:<id>`): `meta` (version, name,
 * description) and `entries`, a Y.Array of Y.Maps, one per entry. An entry's place is its
 * fractional `order` key, not its array index: a move rewrites that one field, so
 * concurrent moves never duplicate an entry (last writer wins) and a move racing a removal
 * leaves it removed. Two replicas applying the same updates read the same list.
 */
export const PLAYLIST_DOC_VERSION = 1;

/** What an entry plays: a catalog track, or a local file known by its content hash. */
export const PlaylistTrackRef = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('catalog'), trackId: z.uuid() }),
  z.object({ kind: z.literal('local'), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
]);
export type PlaylistTrackRef = z.infer<typeof PlaylistTrackRef>;

export const PlaylistEntry = z.object({
  id: z.string().min(1).max(64),
  order: z.string().min(1).max(256),
  track: PlaylistTrackRef,
  /** For display where the track is not at hand (another member's local file). */
  title: z.string().max(500),
  artist: z.string().max(500),
  addedBy: z.object({ userId: z.uuid(), username: z.string().max(100) }),
  addedAt: z.iso.datetime(),
});
export type PlaylistEntry = z.infer<typeof PlaylistEntry>;

export interface PlaylistView {
  name: string;
  description: string;
  entries: PlaylistEntry[];
}

export type NewEntry = Omit<PlaylistEntry, 'id' | 'order'>;

const ENTRY_KEYS = ['id', 'order', 'track', 'title', 'artist', 'addedBy', 'addedAt'] as const;

/**
 * Reads and edits one playlist document; every edit is one Yjs transaction.
 *
 * @example
 * const pl = new PlaylistDoc(doc);
 * pl.add({ track: { kind: 'catalog', trackId }, title: 'Song', artist: 'Band', addedBy, addedAt });
 * pl.move(pl.view().entries[1].id, 0);
 */
export class PlaylistDoc {
  readonly meta: Y.Map<unknown>;
  readonly entries: Y.Array<Y.Map<unknown>>;

  constructor(
    readonly doc: Y.Doc,
    private readonly newId: IdGenerator = createIdGenerator(),
  ) {
    this.meta = doc.getMap('meta');
    this.entries = doc.getArray('entries');
  }

  /** The playlist as its members see it: entries in order; malformed entries are skipped. */
  view(): PlaylistView {
    const name = this.meta.get('name');
    const description = this.meta.get('description');
    return { name: typeof name === 'string' ? name : '', description: typeof description === 'string' ? description : '', entries: this.ordered() };
  }

  setInfo(info: { name?: string; description?: string }): void {
    this.doc.transact(() => {
      if (this.meta.get('version') === undefined) this.meta.set('version', PLAYLIST_DOC_VERSION);
      if (info.name !== undefined) this.meta.set('name', info.name);
      if (info.description !== undefined) this.meta.set('description', info.description);
    });
  }

  /** Adds an entry at `index` (default: the end); returns its id. */
  add(entry: NewEntry, index?: number): string {
    const parsed = PlaylistEntry.omit({ id: true, order: true }).parse(entry);
    const list = this.ordered();
    const at = Math.max(0, Math.min(index ?? list.length, list.length));
    const id = this.newId();
    const map = new Y.Map<unknown>();
    this.doc.transact(() => {
      // Concurrent adds at one spot can mint equal keys: keyAt steps over such ties.
      const order = keyAt(list.map((e) => e.order), at);
      for (const [k, v] of Object.entries({ ...parsed, id, order })) map.set(k, v);
      this.entries.push([map]);
    });
    return id;
  }

  /** Moves an entry to `index` of the list as it is without it. */
  move(entryId: string, index: number): void {
    const map = this.find(entryId);
    if (!map) return;
    const others = this.ordered().filter((e) => e.id !== entryId);
    const at = Math.max(0, Math.min(index, others.length));
    map.set('order', keyAt(others.map((e) => e.order), at));
  }

  remove(entryId: string): void {
    this.doc.transact(() => {
      // Back to front: an id appears once, but a corrupt peer could have written it twice.
      for (let i = this.entries.length - 1; i >= 0; i--) if (this.entries.get(i).get('id') === entryId) this.entries.delete(i, 1);
    });
  }

  private find(entryId: string): Y.Map<unknown> | undefined {
    for (const m of this.entries) if (m.get('id') === entryId) return m;
    return undefined;
  }

  private ordered(): PlaylistEntry[] {
    const seen = new Set<string>();
    const out: PlaylistEntry[] = [];
    for (const m of this.entries) {
      const parsed = PlaylistEntry.safeParse(Object.fromEntries(ENTRY_KEYS.map((k) => [k, m.get(k)])));
      if (!parsed.success || seen.has(parsed.data.id)) continue;
      seen.add(parsed.data.id);
      out.push(parsed.data);
    }
    return out.sort(compareByOrder);
  }
}
