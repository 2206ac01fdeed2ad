import type { Disposable } from '../../common/disposable';
import type { Logger } from '../logger';

/**
 * Owns the host's services in creation order and disposes them in reverse, so nothing is
 * torn down while a later service still uses it (the database closes last). A dispose that
 * throws is logged and the rest still run; the first error is rethrown at the end.
 *
 * @example
 * const registry = new ServiceRegistry(log);
 * const db = registry.add('db', openDatabase({ path }));
 * const settings = registry.add('settings', new SettingsService({ db, defaults, log }));
 * await registry.dispose(); // settings, then db
 */
export class ServiceRegistry implements Disposable {
  private readonly entries: { name: string; service: Disposable }[] = [];
  private disposing: Promise<void> | null = null;

  constructor(private readonly log: Logger) {}

  add<T extends Disposable>(name: string, service: T): T {
    if (this.disposing) {
      void service.dispose();
      throw new Error(`Cannot add service "${name}": the registry is disposed`);
    }
    if (this.entries.some((e) => e.name === name)) throw new Error(`Service "${name}" is already registered`);
    this.entries.push({ name, service });
    return service;
  }

  /** Names in creation order. */
  get names(): string[] {
    return this.entries.map((e) => e.name);
  }

  dispose(): Promise<void> {
    this.disposing ??= this.disposeAll();
    return this.disposing;
  }

  private async disposeAll(): Promise<void> {
    let first: unknown;
    for (const { name, service } of this.entries.splice(0).reverse()) {
      try {
        await service.dispose();
      } catch (e) {
        this.log.error({ err: e, service: name }, 'service failed to dispose');
        first ??= e;
      }
    }
    if (first !== undefined) throw first;
  }
}
