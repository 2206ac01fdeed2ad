import { describe, expect, it } from 'vitest';
import { silentLogger } from '../logger';
import { ServiceRegistry } from './registry';

describe('ServiceRegistry', () => {
  it('disposes in reverse creation order, once', async () => {
    const order: string[] = [];
    const r = new ServiceRegistry(silentLogger());
    for (const name of ['db', 'settings', 'account']) r.add(name, { dispose: async () => void order.push(name) });
    await Promise.all([r.dispose(), r.dispose()]);
    expect(order).toEqual(['account', 'settings', 'db']);
    expect(r.names).toEqual([]);
  });

  it('keeps disposing after a failure and rethrows the first error', async () => {
    const order: string[] = [];
    const r = new ServiceRegistry(silentLogger());
    r.add('a', { dispose: () => void order.push('a') });
    r.add('b', {
      dispose: () => {
        throw new Error('b broke');
      },
    });
    r.add('c', { dispose: () => void order.push('c') });
    await expect(r.dispose()).rejects.toThrow('b broke');
    expect(order).toEqual(['c', 'a']);
  });

  it('refuses duplicates and late additions (disposing the late one)', async () => {
    const r = new ServiceRegistry(silentLogger());
    r.add('a', { dispose: () => undefined });
    expect(() => r.add('a', { dispose: () => undefined })).toThrow(/already/);
    await r.dispose();
    let released = false;
    expect(() => r.add('late', { dispose: () => void (released = true) })).toThrow(/disposed/);
    expect(released).toBe(true);
  });
});
