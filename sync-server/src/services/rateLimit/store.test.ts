import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../clock';
import { storeKinds, testStore } from '../../test/rateLimitStores';
import type { RateLimitStore } from './store';

for (const kind of storeKinds()) {
  describe(`RateLimitStore [${kind}]`, () => {
    let store: RateLimitStore | undefined;
    afterEach(async () => {
      await store?.close();
    });

    it('counts hits in a window, peeks without counting, resets', async () => {
      store = await testStore(kind, manualClock());
      expect(await store.peek('k')).toBeNull();
      expect((await store.hit('k', 60_000)).count).toBe(1);
      const second = await store.hit('k', 60_000);
      expect(second.count).toBe(2);
      expect(second.resetInMs).toBeGreaterThan(55_000);
      expect(second.resetInMs).toBeLessThanOrEqual(60_000);
      expect((await store.peek('k'))?.count).toBe(2);
      expect((await store.peek('k'))?.count).toBe(2);
      await store.reset('k');
      expect(await store.peek('k')).toBeNull();
    });

    it('is atomic under concurrent hits', async () => {
      store = await testStore(kind, manualClock());
      const s = store;
      const counts = await Promise.all(Array.from({ length: 50 }, () => s.hit('burst', 60_000).then((r) => r.count)));
      expect(counts.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    });

    it('starts a new window after expiry', async () => {
      const clock = manualClock();
      store = await testStore(kind, clock);
      await store.hit('w', 50);
      await store.hit('w', 50);
      // Memory follows the injected clock; Redis follows its own, so wait for real.
      if (kind === 'memory') clock.advance(60);
      else await new Promise((r) => setTimeout(r, 80));
      expect(await store.peek('w')).toBeNull();
      expect((await store.hit('w', 50)).count).toBe(1);
    });
  });
}
