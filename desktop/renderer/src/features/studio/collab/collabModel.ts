import * as buffer from 'lib0/buffer';
import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { z } from 'zod';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Collaborator, StudioRole } from '@encore/shared/api/studio';
import type { HostClient } from '@encore/shared/host/client';
import { ProjectSyncStatus } from '@encore/shared/host/collab';
import { hostEvents } from '@encore/shared/host/contract';
import { appendChat, observeChat, readChat, type ChatMessage } from '@encore/shared/project/chat';
import { createIdGenerator } from '@encore/shared/project/ids';
import { applyAssetTransfer, resetAssetTransfers } from './assetTransfers';

/**
 * Where a collaborator's pointer is: in the arrangement a tick on a track's lane (`lane` is the
 * height fraction inside it), in the piano roll a tick and a pitch in the open clip.
 */
export const PresenceCursor = z.discriminatedUnion('view', [
  z.object({ view: z.literal('arrangement'), tick: z.number().finite().nonnegative(), trackId: z.string().max(64), lane: z.number().min(0).max(1) }),
  z.object({ view: z.literal('pianoRoll'), tick: z.number().finite().nonnegative(), clipId: z.string().max(64), pitch: z.number().min(0).max(127) }),
]);
export type PresenceCursor = z.infer<typeof PresenceCursor>;

/** What each collaborator publishes through awareness (never saved). */
export const PresenceState = z.object({
  user: z.object({ name: z.string().min(1).max(64), color: z.string().regex(/^#[0-9a-f]{6}$/i) }),
  presence: z
    .object({
      trackId: z.string().max(64).nullable(),
      clipId: z.string().max(64).nullable(),
      playhead: z.number().finite().nonnegative(),
      /** Every selected clip (clipId is the first of them, kept for older peers). */
      clipIds: z.array(z.string().max(64)).max(256).optional(),
      /** The notes selected in the piano roll, of the clip open there. */
      openClipId: z.string().max(64).nullable().optional(),
      noteIds: z.array(z.string().max(64)).max(1024).optional(),
    })
    .optional(),
  /** The mouse pointer in musical time, so it lands on the same spot at anyone's zoom and scroll. */
  cursor: PresenceCursor.nullable().optional(),
});
export type PresenceState = z.infer<typeof PresenceState>;

export interface Peer extends PresenceState {
  clientId: number;
}

export interface CollabState {
  readonly status: ProjectSyncStatus | null;
  readonly peers: readonly Peer[];
  readonly chat: readonly ChatMessage[];
  readonly error: string | null;
}

export interface CollabModel {
  readonly store: StoreApi<CollabState>;
  setPresence(p: NonNullable<PresenceState['presence']>): void;
  /** Publishes the pointer (null when it leaves the editors); at most every CURSOR_INTERVAL_MS. */
  setCursor(c: PresenceCursor | null): void;
  share(): Promise<void>;
  setPaused(paused: boolean): Promise<void>;
  members(): Promise<Collaborator[]>;
  invite(username: string, role: StudioRole): Promise<void>;
  sendChat(text: string): void;
  dispose(): void;
}

/** Pointer moves are relayed through the host to everyone: ~12 a second is smooth enough. */
export const CURSOR_INTERVAL_MS = 80;
const COLORS = ['#e5484d', '#f76b15', '#ffc53d', '#46a758', '#12a594', '#0090ff', '#8e4ec6', '#d6409f'];
const REMOTE = Symbol('remote-awareness');
const CHAT_ORIGIN = Symbol('chat');

/** A stable colour per name. */
export function colorFor(name: string): string {
  let h = 0;
  for (const c of name) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return COLORS[h % COLORS.length]!;
}

/**
 * The last awareness clock each document's client used: a model created again for the same
 * document (a remount) continues from it, or its fresh state would lose to its own goodbye.
 */
const lastClock = new WeakMap<Y.Doc, number>();

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Collaboration for one open project: its sync state (from the host), the collaborators present
 * (awareness relayed through the host, which holds the connection upstream), and the chat kept
 * in the document.
 *
 * @example
 * const collab = createCollabModel(host, projectId, session.doc, 'ada');
 * collab.setPresence({ trackId, clipId: null, playhead: 0 });
 */
export function createCollabModel(host: HostClient, projectId: string, doc: Y.Doc, userName: string): CollabModel {
  const store = createStore<CollabState>(() => ({ status: null, peers: [], chat: readChat(doc), error: null }));
  const awareness = new awarenessProtocol.Awareness(doc);
  const ownMeta = awareness.meta.get(awareness.clientID);
  const previous = lastClock.get(doc);
  if (ownMeta && previous !== undefined) ownMeta.clock = previous;
  const newId = createIdGenerator();
  let disposed = false;

  const fail = (e: unknown) => {
    if (!disposed) store.setState({ error: message(e) });
  };
  const relay = (clients: number[]) => {
    const update = awarenessProtocol.encodeAwarenessUpdate(awareness, clients);
    host.call('collab.awareness', { projectId, update: buffer.toBase64(update) }).catch(() => {
      // The host may be away for a moment; the next renewal (every 15 s) carries the state again.
    });
  };
  const refreshPeers = () => {
    const peers: Peer[] = [];
    for (const [clientId, state] of awareness.getStates()) {
      if (clientId === awareness.clientID) continue;
      const p = PresenceState.safeParse(state);
      if (p.success) peers.push({ clientId, ...p.data });
    }
    peers.sort((a, b) => a.user.name.localeCompare(b.user.name) || a.clientId - b.clientId);
    store.setState({ peers });
  };
  awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
    if (origin !== REMOTE && [...added, ...updated, ...removed].includes(awareness.clientID)) relay([awareness.clientID]);
  });
  awareness.on('change', refreshPeers);
  awareness.setLocalState({ user: { name: userName, color: colorFor(userName) } } satisfies PresenceState);

  const offs = [
    host.on('collab.status', (payload) => {
      const s = hostEvents['collab.status'].safeParse(payload);
      if (!s.success || s.data.projectId !== projectId) return;
      const before = store.getState().status?.state;
      store.setState({ status: s.data });
      // Presence set before the project was shared (or while offline) goes up now, not at the next renewal.
      if (before !== s.data.state && awareness.getLocalState() !== null) relay([awareness.clientID]);
    }),
    host.on('collab.awareness', (payload) => {
      const a = hostEvents['collab.awareness'].safeParse(payload);
      if (a.success && a.data.projectId === projectId) awarenessProtocol.applyAwarenessUpdate(awareness, buffer.fromBase64(a.data.update), REMOTE);
    }),
    host.on('collab.assets', (payload) => {
      const t = hostEvents['collab.assets'].safeParse(payload);
      if (t.success && t.data.projectId === projectId) applyAssetTransfer(t.data);
    }),
    observeChat(doc, () => store.setState({ chat: readChat(doc) })),
  ];
  resetAssetTransfers();
  void host
    .call('collab.assets', { projectId })
    .then((list) => !disposed && resetAssetTransfers(list))
    .catch(fail);
  void host
    .call('collab.status', { projectId })
    .then((status) => !disposed && store.setState({ status: ProjectSyncStatus.parse(status) }))
    .catch(fail);
  void host
    .call('collab.awareness.snapshot', { projectId })
    .then(({ update }) => {
      if (update && !disposed) awarenessProtocol.applyAwarenessUpdate(awareness, buffer.fromBase64(update), REMOTE);
    })
    .catch(fail);

  let last = '';
  let cursor: PresenceCursor | null = null;
  let cursorSent = '';
  let cursorTimer: ReturnType<typeof setTimeout> | null = null;
  const flushCursor = () => {
    cursorTimer = null;
    const key = JSON.stringify(cursor);
    if (disposed || key === cursorSent) return;
    cursorSent = key;
    awareness.setLocalStateField('cursor', cursor);
  };
  return {
    store,
    setPresence(p) {
      const key = JSON.stringify(p);
      if (key === last) return;
      last = key;
      awareness.setLocalStateField('presence', p);
    },
    setCursor(c) {
      cursor = c;
      cursorTimer ??= setTimeout(flushCursor, CURSOR_INTERVAL_MS);
    },
    async share() {
      store.setState({ error: null });
      try {
        store.setState({ status: await host.call('collab.share', { projectId }) });
      } catch (e) {
        fail(e);
      }
    },
    async setPaused(paused) {
      try {
        store.setState({ status: await host.call('collab.setPaused', { projectId, paused }) });
      } catch (e) {
        fail(e);
      }
    },
    members: () => host.call('collab.members', { projectId }),
    async invite(username, role) {
      await host.call('collab.invite', { projectId, username, role });
    },
    sendChat(text) {
      try {
        appendChat(doc, { id: newId(), author: userName, text, at: Date.now() }, CHAT_ORIGIN);
      } catch (e) {
        fail(e);
      }
    },
    dispose() {
      disposed = true;
      if (cursorTimer) clearTimeout(cursorTimer);
      for (const off of offs) off();
      // Clears our state (relayed: the others see us leave) and stops the renewal timer.
      awareness.destroy();
      lastClock.set(doc, awareness.meta.get(awareness.clientID)?.clock ?? 0);
    },
  };
}
