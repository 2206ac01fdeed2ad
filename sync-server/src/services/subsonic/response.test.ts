import { describe, expect, it } from 'vitest';
import { assertWellFormed } from '../../test/xml';
import { renderSubsonic, renderSubsonicError, SubsonicError } from './response';

describe('Subsonic envelope', () => {
  const payload = {
    genres: { genre: [{ songCount: 2, albumCount: 1, value: 'Rock & <Roll>' }, { songCount: 1, albumCount: 1, value: 'Ambient' }] },
    openSubsonicExtensions: [{ name: 'formPost', versions: [1, 2] }],
    empty: undefined,
  };

  it('renders XML with attributes, text values, repeated elements and escaping; xmllint accepts it', () => {
    const { body, contentType } = renderSubsonic('xml', 'ok', payload);
    expect(contentType).toBe('text/xml; charset=utf-8');
    assertWellFormed(body);
    expect(body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<subsonic-response xmlns="http:\/\/subsonic.org\/restapi" status="ok" version="1.16.1" type="encore" serverVersion="[\d.]+" openSubsonic="true">/);
    expect(body).toContain('<genre songCount="2" albumCount="1">Rock &amp; &lt;Roll&gt;</genre><genre songCount="1" albumCount="1">Ambient</genre>');
    expect(body).toContain('<openSubsonicExtensions name="formPost"><versions>1</versions><versions>2</versions></openSubsonicExtensions>');
    expect(body).not.toContain('empty');
  });

  it('renders the same payload as JSON under subsonic-response', () => {
    const { body, contentType } = renderSubsonic('json', 'ok', payload);
    expect(contentType).toBe('application/json; charset=utf-8');
    const json = JSON.parse(body) as { 'subsonic-response': Record<string, unknown> };
    expect(json['subsonic-response']).toEqual({
      status: 'ok',
      version: '1.16.1',
      type: 'encore',
      serverVersion: expect.any(String),
      openSubsonic: true,
      genres: payload.genres,
      openSubsonicExtensions: payload.openSubsonicExtensions,
    });
  });

  it('renders errors with their code in both formats', () => {
    const e = new SubsonicError(40, 'Wrong username or password "x" <y>');
    const xml = renderSubsonicError('xml', e).body;
    assertWellFormed(xml);
    expect(xml).toContain('status="failed"');
    expect(xml).toContain('<error code="40" message="Wrong username or password &quot;x&quot; &lt;y&gt;"/>');
    expect(JSON.parse(renderSubsonicError('json', e).body)['subsonic-response'].error).toEqual({ code: 40, message: e.message });
  });

  it('xmllint refuses a broken document (the check can fail)', () => {
    expect(() => assertWellFormed('<a><b></a>')).toThrow();
  });
});
