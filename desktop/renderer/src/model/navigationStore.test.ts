import { describe, expect, it } from 'vitest';
import { createNavigationModel, formatHash, parseHash, selectSection } from './navigationStore';
import { SECTIONS } from './sections';
import { memoryHash } from './testing/ports';

describe('navigation routes', () => {
  it('round-trips every section and both auth screens through the hash', () => {
    for (const section of SECTIONS) expect(parseHash(formatHash({ kind: 'section', section }))).toEqual({ kind: 'section', section });
    expect(parseHash('#/sign-up?from=studio')).toEqual({ kind: 'auth', screen: 'sign-up', returnTo: 'studio' });
  });

  it('treats unknown or empty hashes as the library', () => {
    expect(parseHash('')).toEqual({ kind: 'section', section: 'library' });
    expect(parseHash('#/nowhere')).toEqual({ kind: 'section', section: 'library' });
    expect(parseHash('#/sign-in?from=hack')).toEqual({ kind: 'auth', screen: 'sign-in', returnTo: 'library' });
  });
});

describe('navigation store', () => {
  it('starts from the hash (a reload keeps the section) and normalises it', () => {
    const hash = memoryHash('#/karaoke');
    const nav = createNavigationModel(hash);
    expect(selectSection(nav.store.getState())).toBe('karaoke');
    const blank = memoryHash('');
    createNavigationModel(blank);
    expect(blank.value).toBe('#/library');
  });

  it('writes navigation to the hash and follows hash changes (Back button)', () => {
    const hash = memoryHash('#/library');
    const nav = createNavigationModel(hash);
    nav.go('live');
    expect(hash.value).toBe('#/live');
    hash.type('#/store');
    expect(nav.store.getState().route).toEqual({ kind: 'section', section: 'store' });
  });

  it('opens auth screens remembering the section and returns to it', () => {
    const hash = memoryHash('#/studio');
    const nav = createNavigationModel(hash);
    nav.openAuth('sign-in');
    expect(hash.value).toBe('#/sign-in?from=studio');
    nav.openAuth('sign-up');
    expect(hash.value).toBe('#/sign-up?from=studio');
    nav.closeAuth();
    expect(nav.store.getState().route).toEqual({ kind: 'section', section: 'studio' });
  });

  it('stops following the hash after dispose', () => {
    const hash = memoryHash('#/library');
    const nav = createNavigationModel(hash);
    nav.dispose();
    hash.type('#/social');
    expect(selectSection(nav.store.getState())).toBe('library');
  });
});
