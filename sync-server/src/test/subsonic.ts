import { createHash, randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { CreatedApiKey } from '@encore/shared/api/apiKeys';
import type { TestApp } from './harness';
import { assertWellFormed } from './xml';

/** Creates an app password or API key through the API and returns its secret. */
export async function subsonicCredential(t: TestApp, accessToken: string, kind: 'api_key' | 'app_password'): Promise<string> {
  const res = await t.call('POST', '/api/auth/api-keys', { token: accessToken, json: { name: `test ${kind}`, kind } });
  expect(res.status, await res.clone().text()).toBe(201);
  return CreatedApiKey.parse(await res.json()).secret;
}

/** Token auth parameters: t = md5(password + salt). */
export function tokenAuth(username: string, password: string, salt = randomBytes(6).toString('hex')): Record<string, string> {
  return { u: username, t: createHash('md5').update(password + salt).digest('hex'), s: salt };
}

export type Params = Record<string, string | string[]>;

/** A parsed `subsonic-response`: tests check its shape with assertions, so it is loosely typed. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- deep reads of answers asserted field by field
export type SubsonicJson = Record<string, any>;

export function query(params: Params): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const x of Array.isArray(v) ? v : [v]) q.append(k, x);
  return q.toString();
}

/** A JSON `/rest/` call through app.request; returns the parsed `subsonic-response`. */
export async function restJson(t: TestApp, method: string, params: Params, o: { ip?: string } = {}): Promise<SubsonicJson> {
  const res = await t.call('GET', `/rest/${method}?${query({ v: '1.16.1', c: 'test', f: 'json', ...params })}`, o.ip ? { ip: o.ip } : {});
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return ((await res.json()) as { 'subsonic-response': SubsonicJson })['subsonic-response'];
}

/** An XML `/rest/` call; asserts the body is well-formed and returns it. */
export async function restXml(t: TestApp, method: string, params: Params): Promise<string> {
  const res = await t.call('GET', `/rest/${method}?${query({ v: '1.16.1', c: 'test', ...params })}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/xml/);
  const body = await res.text();
  assertWellFormed(body);
  return body;
}

/** Expects a failed JSON answer with this Subsonic error code. */
export async function expectSubsonicError(answer: Promise<SubsonicJson>, code: number): Promise<void> {
  const r = await answer;
  expect(r.status, JSON.stringify(r)).toBe('failed');
  expect(r.error.code, JSON.stringify(r)).toBe(code);
}
