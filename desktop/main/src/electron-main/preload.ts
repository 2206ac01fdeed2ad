/**
 * Preload of the Electron window: exposes `window.encoreHost` through contextBridge and
 * nothing else. It runs sandboxed, where only 'electron' can be required, so it imports no
 * app modules (type imports vanish at compile time) and repeats the two channel names of
 * common/electronIpc.ts. The packaged build compiles it to one CommonJS file next to main.
 * It cannot run on machines without the Electron binary; browser mode covers the same API.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { HostTransport } from '@encore/shared/host/client';
import type { Result } from '@encore/shared/result';

const HOST_CHANNEL = 'encore:host';
const EVENT_CHANNEL = 'encore:event';

const encoreHost: HostTransport = {
  call: (method, params) => ipcRenderer.invoke(HOST_CHANNEL, { method, params }) as Promise<Result<unknown>>,
  on(event, listener) {
    const l = (_e: IpcRendererEvent, frame: { event?: unknown; payload?: unknown } | null) => {
      if (frame?.event === event) listener(frame.payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, l);
    return () => void ipcRenderer.removeListener(EVENT_CHANNEL, l);
  },
};

contextBridge.exposeInMainWorld('encoreHost', encoreHost);
