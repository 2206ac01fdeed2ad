import { XMLBuilder } from 'fast-xml-parser';

/** The Subsonic API version this server speaks, and the OpenSubsonic identification. */
export const SUBSONIC_API_VERSION = '1.16.1';
export const SERVER_TYPE = 'encore';
export const SERVER_VERSION = '0.1.0';

/**
 * A value in a Subsonic answer: scalars become XML attributes, objects child elements, arrays
 * repeated elements (an array of scalars: elements with text, as `<versions>1</versions>`).
 */
export type SubsonicValue = string | number | boolean | undefined | SubsonicObject | SubsonicObject[] | (string | number)[];
export interface SubsonicObject {
  [key: string]: SubsonicValue;
}

/**
 * The error codes of the Subsonic API: 0 generic, 10 missing parameter, 20/30 client/server
 * must upgrade, 40 wrong credentials, 41 token auth not supported for this user, 42 auth
 * mechanism not supported, 43 conflicting auth mechanisms, 44 invalid API key, 50 not
 * authorised, 70 not found.
 */
export type SubsonicErrorCode = 0 | 10 | 20 | 30 | 40 | 41 | 42 | 43 | 44 | 50 | 70;

/** The one error of the `/rest/` API; answered in the Subsonic envelope (HTTP 200), never the REST one. */
export class SubsonicError extends Error {
  override readonly name = 'SubsonicError';
  constructor(
    readonly code: SubsonicErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const missing = (name: string) => new SubsonicError(10, `Required parameter is missing: ${name}`);
export const notFound = (what: string) => new SubsonicError(70, `${what} not found`);

export type SubsonicFormat = 'xml' | 'json';

const xml = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', textNodeName: '#text', suppressEmptyNode: true, suppressBooleanAttributes: false });

/**
 * To fast-xml-parser's shape: scalars as `@_attr`, the key `value` as element text (as in
 * `<genre songCount="2">Rock</genre>`, JSON `{"value":"Rock"}`), the rest as children.
 */
function toXmlNode(o: SubsonicObject): Record<string, unknown> {
  const node: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue;
    if (k === 'value' && typeof v !== 'object') node['#text'] = String(v);
    else if (Array.isArray(v)) node[k] = v.map((x: SubsonicObject | string | number) => (typeof x === 'object' ? toXmlNode(x) : { '#text': String(x) }));
    else if (typeof v === 'object') node[k] = toXmlNode(v);
    else node[`@_${k}`] = String(v);
  }
  return node;
}

/** Drops undefined fields so JSON and XML carry the same attributes. */
function clean(o: SubsonicObject): SubsonicObject {
  return JSON.parse(JSON.stringify(o)) as SubsonicObject;
}

/**
 * The `subsonic-response` envelope in the asked format.
 *
 * @example
 * renderSubsonic('xml', 'ok', { license: { valid: true } })
 * // <?xml ...?><subsonic-response xmlns="http://subsonic.org/restapi" status="ok" ...><license valid="true"/></subsonic-response>
 */
export function renderSubsonic(format: SubsonicFormat, status: 'ok' | 'failed', payload: SubsonicObject): { body: string; contentType: string } {
  const head = { status, version: SUBSONIC_API_VERSION, type: SERVER_TYPE, serverVersion: SERVER_VERSION, openSubsonic: true };
  if (format === 'json') {
    return { body: JSON.stringify({ 'subsonic-response': { ...head, ...clean(payload) } }), contentType: 'application/json; charset=utf-8' };
  }
  const root = { 'subsonic-response': { '@_xmlns': 'http://subsonic.org/restapi', ...toXmlNode({ ...head, ...payload }) } };
  return { body: `<?xml version="1.0" encoding="UTF-8"?>\n${xml.build(root) as string}`, contentType: 'text/xml; charset=utf-8' };
}

export function renderSubsonicError(format: SubsonicFormat, e: SubsonicError): { body: string; contentType: string } {
  return renderSubsonic(format, 'failed', { error: { code: e.code, message: e.message } });
}
