import { eq, inArray } from 'drizzle-orm';
import { expect, it, vi } from 'vitest';
import { AutocompleteResponse, SearchResponse } from '@encore/shared/api/catalog';
import { tracks } from '../../db/schema/catalog';
import { catalogApp } from '../../test/catalog';
import { describeEachDatabase } from '../../test/databases';
import { seedReleases } from '../../test/listenerCatalog';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

// More matches than one candidate branch keeps (100), so ranking must pick the best of all.
const MATCHES = 150;

describeEachDatabase('catalog search over many matches', (db) => {
  it('ranks the most played of equally relevant matches first, with typos too, and keeps hidden tracks out', async () => {
    const { t, dispose } = await catalogApp(db());
    try {
      const titles = Array.from({ length: MATCHES }, () => 'Harbour Lights');
      const { tracks: rows } = await seedReleases(t, db(), { titles: [...titles, 'Quiet Field'] });
      const matching = rows.slice(0, MATCHES);
      // Insertion order is not popularity order: the most played sits in the middle.
      for (const [i, row] of matching.entries()) await db().db.update(tracks).set({ playCount: (i * 37) % MATCHES }).where(eq(tracks.id, row.id));
      const top = matching[80]!;
      await db().db.update(tracks).set({ playCount: 10_000 }).where(eq(tracks.id, top.id));
      const hidden = [matching[3]!.id, matching[4]!.id];
      await db().db.update(tracks).set({ status: 'unpublished', playCount: 50_000 }).where(eq(tracks.id, hidden[0]!));
      await db().db.update(tracks).set({ moderation: 'pending', playCount: 50_000 }).where(eq(tracks.id, hidden[1]!));

      for (const q of ['harbour lights', 'harbour', 'harbor lihgts']) {
        const found = SearchResponse.parse(await (await t.call('GET', `/api/search?q=${encodeURIComponent(q)}&limit=20`)).json()).tracks;
        expect(found, q).toHaveLength(20);
        expect(found[0]?.id, q).toBe(top.id);
        const plays = found.map((x) => x.playCount);
        expect(plays, q).toEqual([...plays].sort((a, b) => b - a));
        expect(found.some((x) => hidden.includes(x.id)), q).toBe(false);
        expect(found.some((x) => x.title === 'Quiet Field'), q).toBe(false);
      }

      // After an unpublish the former top is gone and the next most played leads.
      await db().db.update(tracks).set({ status: 'unpublished' }).where(inArray(tracks.id, [top.id]));
      const after = SearchResponse.parse(await (await t.call('GET', '/api/search?q=harbour')).json()).tracks;
      expect(after.map((x) => x.id)).not.toContain(top.id);
      expect(after[0]?.playCount).toBe(MATCHES - 1);

      const auto = AutocompleteResponse.parse(await (await t.call('GET', '/api/search/autocomplete?q=harb')).json());
      expect(auto.suggestions.length).toBeGreaterThan(0);
      expect(auto.suggestions.every((s) => s.text === 'Harbour Lights' && !hidden.includes(s.id) && s.id !== top.id)).toBe(true);
    } finally {
      await dispose();
    }
  });
});
