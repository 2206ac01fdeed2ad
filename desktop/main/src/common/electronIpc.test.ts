import { describe, expect, it } from 'vitest';
import { isAppUrl } from './electronIpc';

describe('isAppUrl', () => {
  it('accepts only the app scheme and host', () => {
    expect(isAppUrl('encore-app://app/index.html')).toBe(true);
    expect(isAppUrl('encore-app://app/studio?x=1')).toBe(true);
    for (const url of ['https://evil.example/', 'encore-app://evil/', 'file:///etc/passwd', 'encore-app://user:pw@app/', 'about:blank', '', null, undefined, 'not a url']) {
      expect(isAppUrl(url)).toBe(false);
    }
  });
});
