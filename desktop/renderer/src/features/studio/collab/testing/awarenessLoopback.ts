import type { HostEvent, HostMethod } from '@encore/shared/host/contract';
import { createHostClient, type HostClient, type HostTransport } from '@encore/shared/host/client';
import type { Result } from '@encore/shared/result';

/**
 * Two host clients whose collaboration calls meet: the awareness one relays to the other as
 * the real host's connection through the sync-server does, and both projects report `synced`.
 * For tests of presence between two editors without a server.
 */
export function awarenessLoopback(projectId: string): [HostClient, HostClient] {
  const listeners = [new Map<HostEvent, Set<(p: unknown) => void>>(), new Map<HostEvent, Set<(p: unknown) => void>>()];
  const emit = (side: number, event: HostEvent, payload: unknown) => {
    for (const l of [...(listeners[side]?.get(event) ?? [])]) l(payload);
  };
  const transport = (side: 0 | 1): HostTransport => ({
    async call(method: HostMethod, params: unknown): Promise<Result<unknown>> {
      switch (method) {
        case 'collab.status':
          return { ok: true, value: { projectId, state: 'synced', serverProjectId: '00000000-0000-4000-8000-000000000001', role: 'editor', paused: false } };
        case 'collab.assets':
          return { ok: true, value: [] };
        case 'collab.awareness.snapshot':
          return { ok: true, value: { update: null } };
        case 'collab.awareness': {
          const { update } = params as { update: string };
          // Asynchronous, as a network hop is.
          setTimeout(() => emit(1 - side, 'collab.awareness', { projectId, update }), 0);
          return { ok: true, value: { relayed: true } };
        }
        default:
          return { ok: false, error: { code: 'BAD_REQUEST', message: `the loopback does not serve ${method}` } };
      }
    },
    on(event, listener) {
      const map = listeners[side]!;
      const set = map.get(event) ?? new Set();
      map.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  });
  return [createHostClient(transport(0)), createHostClient(transport(1))];
}
