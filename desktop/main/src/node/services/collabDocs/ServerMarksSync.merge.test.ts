import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { LibraryStateDoc } from '@encore/shared/collab/libraryStateDoc';
import { EncoreError } from '@encore/shared/errors';
import { silentLogger } from '../../logger';
import { LibraryMarksApi, type LibraryMarkKind } from './libraryMarksApi';
import { ServerMarksSync, type MarksTarget } from './ServerMarksSync';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const T1 = '2026-01-01T00:00:00.000Z';
const T2 = '2026-02-01T00:00:00.000Z';

/** The server's likes in memory, with the REST client's contract (idempotent set, NOT_FOUND for unknown tracks). */
class MemoryMarksApi extends LibraryMarksApi {
  readonly likes = new Map<string, string>();
  readonly calls: string[] = [];
  online = true;
  constructor(private readonly catalog: Set<string>) {
    super();
  }
  override async list(_b: string, _t: string, kind: LibraryMarkKind): Promise<Map<string, string>> {
    if (!this.online) throw new EncoreError('OFFLINE', 'down');
    return new Map(kind === 'like' ? this.likes : []);
  }
  override async set(_b: string, _t: string, kind: LibraryMarkKind, target: string, active: boolean): Promise<boolean> {
    if (!this.online) throw new EncoreError('OFFLINE', 'down');
    this.calls.push(`${active ? 'PUT' : 'DELETE'} ${kind} ${target}`);
    if (active && !this.catalog.has(target)) throw new EncoreError('TRACK_NOT_FOUND', 'gone');
    if (active) this.likes.set(target, this.likes.get(target) ?? T2);
    else this.likes.delete(target);
    return active;
  }
}

function setup() {
  const api = new MemoryMarksApi(new Set([id(1), id(2), id(3), id(4), id(5)]));
  const doc = new Y.Doc();
  const state = new LibraryStateDoc(doc);
  const target: MarksTarget = { serverUrl: 'http://s', userId: id(99), doc, live: () => true };
  const sync = new ServerMarksSync({ log: silentLogger(), accessToken: async () => 'tok', api });
  return { api, state, target, sync };
}

describe('ServerMarksSync: the three-way merge of the document with the server', () => {
  it('adds, removes and pushes by comparing both sides with what they last agreed on', async () => {
    const { api, state, target, sync } = setup();
    state.likes.set(id(1), T1); // liked here, never on the server → PUT
    api.likes.set(id(2), T1); // liked by a Subsonic client → into the document
    state.likes.set(id(3), T1); // agreed, then unstarred on the server → leaves the document
    state.serverLikes.set(id(3), T1);
    api.likes.set(id(4), T1); // agreed, then unliked on a device → DELETE
    state.serverLikes.set(id(4), T1);
    state.likes.set(id(5), T2); // agreed at T1, unstarred on the server, re-liked on a device at T2 → PUT, not a removal
    state.serverLikes.set(id(5), T1);
    await sync.reconcile(target);
    expect(api.calls.sort()).toEqual([`DELETE like ${id(4)}`, `PUT like ${id(1)}`, `PUT like ${id(5)}`]);
    expect(new Set(state.view().likedTracks)).toEqual(new Set([id(1), id(2), id(5)]));
    expect(new Set(api.likes.keys())).toEqual(new Set([id(1), id(2), id(5)]));
    expect(Object.fromEntries(state.serverLikes.entries())).toEqual({ [id(1)]: T1, [id(2)]: T1, [id(5)]: T2 });
    // Agreed now: a second merge changes nothing.
    api.calls.length = 0;
    await sync.reconcile(target);
    expect(api.calls).toEqual([]);
  });

  it('offline it changes nothing and retries on the next run; a track gone from the catalog keeps its like here', async () => {
    const { api, state, target, sync } = setup();
    api.online = false;
    state.likes.set(id(1), T1);
    state.likes.set(id(42), T1); // not in the catalog
    await sync.push(target, 'like', id(1));
    await sync.reconcile(target);
    expect(api.likes.size).toBe(0);
    api.online = true;
    await sync.reconcile(target);
    expect([...api.likes.keys()]).toEqual([id(1)]);
    expect(new Set(state.view().likedTracks)).toEqual(new Set([id(1), id(42)]));
    expect(state.serverLikes.has(id(42))).toBe(false);
  });
});
