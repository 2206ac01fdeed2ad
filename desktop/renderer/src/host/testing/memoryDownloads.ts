import type { HostEvent, HostMethod } from '@encore/shared/host/contract';
import type { Download, DownloadRequest, DownloadStorage } from '@encore/shared/host/downloads';
import type { Result } from '@encore/shared/result';

type Handler = (params: never) => Result<unknown> | Promise<Result<unknown>>;

/** The install id the memory host reports as this device's (`downloads.thisDevice`). */
export const MEMORY_CLIENT_ID = 'memory-host-client-0001';

export interface MemoryDownloadsSeed {
  items?: Partial<Download>[];
  limitBytes?: number;
}

let seq = 0;
const uuid = () => `00000000-0000-4000-8000-${(++seq).toString(16).padStart(12, '0')}`;

/** A download as the host lists it, with test defaults. */
export function download(over: Partial<Download> = {}): Download {
  return {
    id: uuid(),
    trackId: uuid(),
    quality: 'high',
    title: 'Untitled',
    artist: 'Someone',
    album: null,
    durationMs: 180_000,
    group: null,
    state: 'queued',
    receivedBytes: 0,
    totalBytes: 8_000_000,
    attempts: 0,
    nextAttemptAt: null,
    error: null,
    offlineUntil: null,
    playable: false,
    createdAt: new Date().toISOString(),
    completedAt: null,
    ...over,
  };
}

/**
 * The `downloads.*` procedures of the in-memory host: a list the test drives with
 * {@link progress} and {@link finish}, pushing `downloads.changed` like the real host.
 */
export function createMemoryDownloads(emit: (event: HostEvent, payload: unknown) => void, seed: MemoryDownloadsSeed = {}) {
  let items = (seed.items ?? []).map((d) => download(d));
  let limitBytes = seed.limitBytes ?? 10 * 1024 ** 3;
  const storage = (): DownloadStorage => ({ usedBytes: items.reduce((n, d) => n + (d.state === 'revoked' ? 0 : d.receivedBytes), 0), limitBytes });
  const changed = (ds: Download[]) => emit('downloads.changed', { items: ds, storage: storage() });
  const update = (ids: string[], f: (d: Download) => Download | null) => {
    const out: Download[] = [];
    items = items.map((d) => {
      if (!ids.includes(d.id)) return d;
      const next = f(d) ?? d;
      out.push(next);
      return next;
    });
    changed(out);
    return out;
  };
  const ok = (value: unknown): Result<unknown> => ({ ok: true, value });

  const handlers: { [M in HostMethod]?: Handler } = {
    'downloads.list': () => ok({ items, storage: storage() }),
    'downloads.add': (req: DownloadRequest) => {
      const ids = req.kind === 'track' ? [req.trackId] : req.kind === 'playlist' ? req.trackIds : [uuid(), uuid()];
      const added = ids.map((trackId, i) => download({ trackId, quality: req.quality, title: `Track ${i + 1}`, group: req.kind === 'track' ? null : { kind: req.kind, id: req.kind === 'album' ? req.albumId : req.playlistId, title: req.kind === 'album' ? 'Album' : req.title } }));
      items = [...items, ...added];
      changed(added);
      return ok(added);
    },
    'downloads.pause': ({ ids }: { ids: string[] }) => ok(update(ids, (d) => (d.state === 'queued' || d.state === 'downloading' ? { ...d, state: 'paused' } : null))),
    'downloads.resume': ({ ids }: { ids: string[] }) => ok(update(ids, (d) => (d.state === 'paused' ? { ...d, state: 'queued' } : null))),
    'downloads.retry': ({ ids }: { ids: string[] }) => ok(update(ids, (d) => (d.state === 'failed' ? { ...d, state: 'queued', attempts: 0, error: null } : null))),
    'downloads.remove': ({ ids }: { ids: string[] }) => {
      const before = items.length;
      items = items.filter((d) => !ids.includes(d.id));
      changed([]);
      return ok({ removed: before - items.length });
    },
    'downloads.setLimit': ({ limitBytes: l }: { limitBytes: number }) => {
      limitBytes = l;
      return ok(storage());
    },
    'downloads.checkLicences': () => ok({ renewed: items.filter((d) => d.state === 'done').length, revoked: 0 }),
    'downloads.recordPlay': () => ok({ queued: true }),
    'downloads.thisDevice': () => ok({ clientId: MEMORY_CLIENT_ID }),
  };

  return {
    handlers,
    get items() {
      return items;
    },
    /** The host received bytes for an item. */
    progress(id: string, receivedBytes: number) {
      update([id], (d) => ({ ...d, state: 'downloading', receivedBytes }));
    },
    finish(id: string) {
      update([id], (d) => ({ ...d, state: 'done', receivedBytes: d.totalBytes ?? d.receivedBytes, playable: true, offlineUntil: new Date(Date.now() + 30 * 86_400_000).toISOString(), completedAt: new Date().toISOString() }));
    },
    fail(id: string, code: string, message: string) {
      update([id], (d) => ({ ...d, state: 'failed', attempts: d.attempts + 1, error: { code, message } }));
    },
  };
}
