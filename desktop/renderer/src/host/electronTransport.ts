import { z } from 'zod';
import { ErrorCode } from '@encore/shared/errors';
import type { HostEvent, HostMethod } from '@encore/shared/host/contract';
import type { Result } from '@encore/shared/result';
import type { HostLink } from './link';

/** What the Electron preload exposes on `window.encoreHost` through contextBridge. */
export interface EncoreHostBridge {
  call(method: HostMethod, params: unknown): Promise<unknown>;
  on(event: HostEvent, listener: (payload: unknown) => void): (() => void) | void;
}

declare global {
  interface Window {
    encoreHost?: EncoreHostBridge;
  }
}

// The preload is trusted code, but IPC replies still cross a boundary: parse them.
const BridgeResult = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }),
  }),
]);

/**
 * The Electron transport: host calls go through the preload bridge over IPC.
 *
 * @example
 * if (window.encoreHost) host = createHostClient(createElectronTransport(window.encoreHost));
 */
export function createElectronTransport(bridge: EncoreHostBridge): HostLink {
  const unsubscribers = new Set<() => void>();
  return {
    kind: 'electron',
    async call(method, params): Promise<Result<unknown>> {
      let raw: unknown;
      try {
        raw = await bridge.call(method, params);
      } catch (e) {
        return { ok: false, error: { code: 'HOST_UNAVAILABLE', message: `The Encore host failed on ${method}: ${String(e)}` } };
      }
      const parsed = BridgeResult.safeParse(raw);
      if (!parsed.success) return { ok: false, error: { code: 'INTERNAL', message: `The host sent a malformed reply to ${method}.` } };
      if (parsed.data.ok) return { ok: true, value: parsed.data.value };
      const { code, message, details } = parsed.data.error;
      const known = ErrorCode.safeParse(code);
      return { ok: false, error: { code: known.success ? known.data : 'INTERNAL', message, ...(details ? { details } : {}) } };
    },
    on(event, listener) {
      const off = bridge.on(event, listener);
      const release = () => {
        unsubscribers.delete(release);
        if (typeof off === 'function') off();
      };
      unsubscribers.add(release);
      return release;
    },
    status: () => 'open',
    onStatus: () => () => {},
    dispose() {
      for (const release of [...unsubscribers]) release();
    },
  };
}
