import type * as Y from 'yjs';
import { LibraryStateDoc } from '@encore/shared/collab/libraryStateDoc';
import { EncoreError } from '@encore/shared/errors';
import type { Logger } from '../../logger';
import { LibraryMarksApi, type LibraryMarkKind } from './libraryMarksApi';

/** The library-state replica of one signed-in account, as the collab-docs service holds it. */
export interface MarksTarget {
  serverUrl: string;
  userId: string;
  doc: Y.Doc;
  /** False once the replica was closed (sign-out, another account): the run stops. */
  live(): boolean;
}

export interface ServerMarksSyncOptions {
  log: Logger;
  /** A fresh access token, or null when signed out or offline. */
  accessToken: () => Promise<string | null>;
  api?: LibraryMarksApi;
}

const KINDS: readonly LibraryMarkKind[] = ['like', 'save'];
/** Errors that mean "not now": the run stops and the next one (online again, next sync) retries. */
const TRANSIENT = new Set(['OFFLINE', 'UNAUTHENTICATED', 'RATE_LIMITED', 'SERVICE_UNAVAILABLE']);

/**
 * Keeps the server's likes and saves (`/api/me/*`: what Subsonic clients, the web and the
 * catalog's counts see) and the user's library-state document (what every desktop of theirs
 * shows, offline too) the same set.
 *
 * The document is where the desktop writes (so a like works offline and reaches the user's
 * other devices through Yjs); this class carries the document's marks to the server and the
 * server's to the document by a three-way merge against the document's own `serverLikes` /
 * `serverAlbums`: the marks some device last saw both sides agree on, with the document's
 * timestamp then (kept in the document, so every device merges against the same ancestor):
 *
 * - in the document and on the server: agreed (recorded);
 * - in the document only: agreed before with the same timestamp → removed on the server
 *   (a Subsonic unstar), so it leaves the document; otherwise liked here or on another
 *   device → PUT to the server;
 * - on the server only: agreed before → removed in the document (any device, maybe offline)
 *   → DELETE on the server; otherwise added on the server → into the document.
 *
 * Server writes are idempotent, so two devices pushing the same change is harmless; a re-like
 * on one device while another reconciles carries a new timestamp, so it is not mistaken for a
 * removal. Runs are serialised; a run that meets OFFLINE stops, and the next sync retries.
 *
 * @example
 * const marks = new ServerMarksSync({ log, accessToken });
 * await marks.reconcile(target); // after the document synced
 * await marks.push(target, 'like', trackId); // after a local like
 */
export class ServerMarksSync {
  private readonly api: LibraryMarksApi;
  private chain: Promise<void> = Promise.resolve();
  private fullQueued = false;

  constructor(private readonly o: ServerMarksSyncOptions) {
    this.api = o.api ?? new LibraryMarksApi();
  }

  /** Queues a full merge of both kinds (coalesced with one already waiting). */
  reconcile(t: MarksTarget): Promise<void> {
    if (this.fullQueued) return this.chain;
    this.fullQueued = true;
    return this.enqueue(async () => {
      this.fullQueued = false;
      await this.run(t, async (token) => {
        for (const kind of KINDS) await this.merge(t, token, kind);
      });
    });
  }

  /** Carries one local change to the server right away (when online); the next merge covers a miss. */
  push(t: MarksTarget, kind: LibraryMarkKind, id: string): Promise<void> {
    return this.enqueue(() =>
      this.run(t, async (token) => {
        const at = maps(t.doc, kind).marked.get(id);
        await this.send(t, token, kind, id, typeof at === 'string' ? at : null);
      }),
    );
  }

  /** Resolves when every queued run has finished (tests, shutdown). */
  idle(): Promise<void> {
    return this.chain;
  }

  private enqueue(fn: () => Promise<void>): Promise<void> {
    this.chain = this.chain.then(fn, fn);
    return this.chain;
  }

  private async run(t: MarksTarget, fn: (token: string) => Promise<void>): Promise<void> {
    if (!t.live()) return;
    try {
      const token = await this.o.accessToken();
      if (!token || !t.live()) return;
      await fn(token);
    } catch (e) {
      if (e instanceof EncoreError && TRANSIENT.has(e.code)) this.o.log.info({ code: e.code }, 'library marks: server not reachable now; the next sync retries');
      else this.o.log.warn({ err: e }, 'library marks: sync with the server failed');
    }
  }

  private async merge(t: MarksTarget, token: string, kind: LibraryMarkKind): Promise<void> {
    const server = await this.api.list(t.serverUrl, token, kind);
    if (!t.live()) return;
    const { marked, agreed } = maps(t.doc, kind);
    const local = strings(marked);
    const base = strings(agreed);
    const toServer: [string, string | null][] = [];
    t.doc.transact(() => {
      for (const [id, at] of local) {
        if (server.has(id)) {
          if (base.get(id) !== at) agreed.set(id, at);
        } else if (base.get(id) === at) {
          marked.delete(id);
          agreed.delete(id);
        } else toServer.push([id, at]);
      }
      for (const [id, at] of server) {
        if (local.has(id)) continue;
        if (base.has(id)) toServer.push([id, null]);
        else {
          marked.set(id, at);
          agreed.set(id, at);
        }
      }
      for (const id of base.keys()) if (!local.has(id) && !server.has(id)) agreed.delete(id);
    }, this);
    for (const [id, at] of toServer) {
      if (!t.live()) return;
      await this.send(t, token, kind, id, at);
    }
  }

  /** Makes the server match `at` (a timestamp: marked; null: not) and records the agreement. */
  private async send(t: MarksTarget, token: string, kind: LibraryMarkKind, id: string, at: string | null): Promise<void> {
    try {
      await this.api.set(t.serverUrl, token, kind, id, at !== null);
    } catch (e) {
      // A track no longer released (or an album emptied) cannot be liked on the server; the
      // document keeps the mark, and a later merge tries again.
      if (e instanceof EncoreError && (e.code === 'TRACK_NOT_FOUND' || e.code === 'ALBUM_NOT_FOUND')) {
        this.o.log.info({ kind, id }, 'library marks: not in the catalog; kept on this device only');
        return;
      }
      throw e;
    }
    if (!t.live()) return;
    const { agreed } = maps(t.doc, kind);
    if (at === null) agreed.delete(id);
    else if (agreed.get(id) !== at) agreed.set(id, at);
  }
}

function maps(doc: Y.Doc, kind: LibraryMarkKind): { marked: Y.Map<unknown>; agreed: Y.Map<unknown> } {
  const state = new LibraryStateDoc(doc);
  return kind === 'like' ? { marked: state.likes, agreed: state.serverLikes } : { marked: state.albums, agreed: state.serverAlbums };
}

function strings(map: Y.Map<unknown>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [id, at] of map.entries()) if (typeof at === 'string') out.set(id, at);
  return out;
}
