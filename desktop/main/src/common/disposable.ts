/** Anything that owns a socket, timer, listener or handle releases it in `dispose()`. */
export interface Disposable {
  dispose(): void | Promise<void>;
}

/** Wraps a plain cleanup function so it can sit in a registry beside services. */
export function toDisposable(fn: () => void | Promise<void>): Disposable {
  let done = false;
  return {
    dispose() {
      if (done) return;
      done = true;
      return fn();
    },
  };
}
