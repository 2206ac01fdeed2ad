import { EngineError } from '../core/errors';

/** Where each processor module is served from (see worklets/urls.ts for Vite builds). */
export interface WorkletUrls {
  readonly voiceBank: string;
  readonly meter: string;
  readonly limiter: string;
  readonly reverb: string;
  readonly dynamics: string;
  /** The fused channel processor; without it every track is built from native nodes. */
  readonly channel?: string;
}

const loaded = new WeakMap<BaseAudioContext, Promise<void>>();
const available = new WeakMap<BaseAudioContext, ReadonlySet<string>>();

/**
 * Whether the processor of `key` has been loaded on `context` by {@link loadWorklets}.
 *
 * @example
 * if (hasWorklet(context, 'channel')) new ChannelNode(context, options);
 */
export function hasWorklet(context: BaseAudioContext, key: keyof WorkletUrls): boolean {
  return available.get(context)?.has(key) ?? false;
}

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
    const entries = Object.entries(urls).filter((e): e is [string, string] => typeof e[1] === 'string');
    pending = Promise.all(entries.map(([, url]) => context.audioWorklet.addModule(url))).then(
      () => {
        available.set(context, new Set(entries.map(([key]) => key)));
      },
      (cause: unknown) => {
        loaded.delete(context);
        throw new EngineError('WORKLET_LOAD_FAILED', `could not load the engine's worklets: ${String(cause)}`, { cause });
      },
    );
    loaded.set(context, pending);
  }
  return pending;
}
