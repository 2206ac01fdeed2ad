import type { HashPort } from '../navigationStore';
import type { NetworkPort } from '../network';

/** A URL hash held in memory, for tests outside a browser. */
export function memoryHash(initial = ''): HashPort & { value: string; type(hash: string): void } {
  const listeners = new Set<(h: string) => void>();
  const port = {
    value: initial,
    get: () => port.value,
    set: (h: string) => {
      port.value = h;
    },
    subscribe(l: (h: string) => void) {
      listeners.add(l);
      return () => {
        listeners.delete(l);
      };
    },
    /** The user edits the address bar or presses Back. */
    type(h: string) {
      port.value = h;
      for (const l of [...listeners]) l(h);
    },
  };
  return port;
}

/** A network whose online state the test flips. */
export function fakeNetwork(online = true): NetworkPort & { set(online: boolean): void } {
  const listeners = new Set<(o: boolean) => void>();
  let state = online;
  return {
    isOnline: () => state,
    subscribe(l) {
      listeners.add(l);
      return () => {
        listeners.delete(l);
      };
    },
    set(next) {
      state = next;
      for (const l of [...listeners]) l(next);
    },
  };
}
