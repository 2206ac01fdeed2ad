import { describe, expect, it } from 'vitest';
import { catalogMediaUrl, isCatalogTrackId, parseCatalogMediaPath } from './media';

const ID = '0b6c1a2e-3d4f-4a5b-8c6d-7e8f9a0b1c2d';

describe('catalog media URLs', () => {
  it('builds relative URLs and parses them back', () => {
    expect(catalogMediaUrl(ID)).toBe(`media/catalog/${ID}`);
    expect(catalogMediaUrl(ID, 'low')).toBe(`media/catalog/${ID}?quality=low`);
    expect(parseCatalogMediaPath(`/media/catalog/${ID}`)).toEqual({ trackId: ID, quality: null });
    expect(parseCatalogMediaPath(`/media/catalog/${ID}`, '?quality=lossless')).toEqual({ trackId: ID, quality: 'lossless' });
  });

  it('refuses anything that is not one UUID and a known quality', () => {
    expect(() => catalogMediaUrl('../../api/me')).toThrow();
    expect(parseCatalogMediaPath('/media/catalog/..%2fapi')).toBeNull();
    expect(parseCatalogMediaPath(`/media/catalog/${ID}/x`)).toBeNull();
    expect(parseCatalogMediaPath(`/media/library/${ID}`)).toBeNull();
    expect(parseCatalogMediaPath(`/media/catalog/${ID}`, '?quality=ultra')).toBeNull();
    expect(parseCatalogMediaPath(`/media/catalog/${ID}`, '?quality=low&token=x')).toBeNull();
  });

  it('tells catalog ids (UUIDs) from library ids (64 hex)', () => {
    expect(isCatalogTrackId(ID)).toBe(true);
    expect(isCatalogTrackId('ab'.repeat(32))).toBe(false);
    expect(isCatalogTrackId('')).toBe(false);
  });
});
