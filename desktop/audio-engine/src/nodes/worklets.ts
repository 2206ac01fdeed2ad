import { EngineError } from '../core/errors';

/** Where each processor module is served from (see worklets/urls.ts for Vite builds). */
export interface WorkletUrls {
  readonly voiceBank: string;
  readonly meter: string;
  readonly limiter: string;
  readonly reverb: string;
  readonly dynamics: string;
}

const loaded = new WeakMap<BaseAudioContext, Promise<void>>();

/**
 * Adds every engine processor to a context, once per context (later calls share the promise).
 * Must resolve before any worklet node of the engine is created on that context.
 *
 * @example
 * await loadWorklets(new OfflineAudioContext(2, 48_000, 48_000), WORKLET_URLS);
 */
export function loadWorklets(context: BaseAudioContext, urls: WorkletUrls): Promise<void> {
  let pending = loaded.get(context);
  if (!pending) {
    pending = Promise.all(Object.values(urls).map((url: string) => context.audioWorklet.addModule(url))).then(
      () => undefined,
      (cause: unknown) => {
        loaded.delete(context);
        throw new EngineError('WORKLET_LOAD_FAILED', `could not load the engine's worklets: ${String(cause)}`, { cause });
      },
    );
    loaded.set(context, pending);
  }
  return pending;
}
