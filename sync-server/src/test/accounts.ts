import { AuthResponse } from '@encore/shared/api/auth';
import { ErrorEnvelope } from '@encore/shared/errors';
import { expect } from 'vitest';
import type { TestApp } from './harness';

export const PASSWORD = 'correct horse battery staple';

/** Registers an account through the API and returns the parsed AuthResponse. */
export async function registerAccount(t: TestApp, name: string, extra: Record<string, unknown> = {}): Promise<AuthResponse> {
  const res = await t.call('POST', '/api/auth/register', { json: { email: `${name}@example.com`, username: name, password: PASSWORD, ...extra } });
  expect(res.status, await res.clone().text()).toBe(201);
  return AuthResponse.parse(await res.json());
}

/** Asserts the response is the error envelope with this status and code; returns its body. */
export async function expectError(res: Response, status: number, code: string) {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  const body = ErrorEnvelope.parse(JSON.parse(text));
  expect(body.error.code).toBe(code);
  expect(body.error.requestId).toMatch(/^req_|^[\w=-]+$/);
  expect(res.headers.get('x-request-id')).toBe(body.error.requestId);
  return body.error;
}

/** The single-use token at the end of the first link in a mail. */
export function tokenFromMail(text: string | undefined): string {
  const m = /(?:verify-email\/|token=)([A-Za-z0-9_-]+)/.exec(text ?? '');
  if (!m?.[1]) throw new Error(`no token in mail: ${text}`);
  return m[1];
}

/** The token of the newest mail of a kind to `to`, once background mail work has finished. */
export async function mailedToken(t: TestApp, to: string, kind: 'verify' | 'reset'): Promise<string> {
  await t.services.tasks.drain();
  const subject = kind === 'verify' ? 'Confirm' : 'Reset';
  const mail = t.mailer.sent.filter((m) => m.to === to && m.subject.startsWith(subject)).at(-1);
  return tokenFromMail(mail?.text);
}
