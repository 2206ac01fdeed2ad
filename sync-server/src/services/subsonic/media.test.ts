import { describe, expect, it } from 'vitest';
import { wantedQuality } from './media';

describe('wantedQuality', () => {
  it('follows the setting without parameters', () => {
    expect(wantedQuality('high', {})).toBe('high');
    expect(wantedQuality('low', { maxBitRate: 0 })).toBe('low');
  });
  it('lowers to the best rendition within maxBitRate', () => {
    expect(wantedQuality('lossless', { maxBitRate: 320 })).toBe('high');
    expect(wantedQuality('lossless', { maxBitRate: 256 })).toBe('normal');
    expect(wantedQuality('high', { maxBitRate: 160 })).toBe('normal');
    expect(wantedQuality('high', { maxBitRate: 128 })).toBe('low');
    expect(wantedQuality('high', { maxBitRate: 32 })).toBe('low');
    expect(wantedQuality('low', { maxBitRate: 320 })).toBe('low');
  });
  it('format flac or raw asks for lossless, opus for at most 320', () => {
    expect(wantedQuality('normal', { format: 'flac' })).toBe('lossless');
    expect(wantedQuality('normal', { format: 'raw' })).toBe('lossless');
    expect(wantedQuality('lossless', { format: 'opus' })).toBe('high');
    expect(wantedQuality('normal', { format: 'mp3' })).toBe('normal');
    expect(wantedQuality('normal', { format: 'flac', maxBitRate: 160 })).toBe('normal');
  });
});
