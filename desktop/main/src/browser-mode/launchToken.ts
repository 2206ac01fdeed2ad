import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * The per-launch secret of browser mode (Jupyter style). Other local web pages can send
 * requests to 127.0.0.1 but cannot read the printed URL, so they never hold the cookie.
 */
export function newLaunchToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Cookies are per host, not per port: the port in the name keeps two hosts apart. */
export function cookieName(port: number): string {
  return `encore_host_${port}`;
}

export function sessionCookie(port: number, token: string): string {
  return `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

/** Constant-time comparison, so response timing does not leak how much of a guess matched. */
export function tokenMatches(expected: string, given: string | undefined | null): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function hasValidCookie(req: IncomingMessage, port: number, token: string): boolean {
  const name = cookieName(port);
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name && tokenMatches(token, part.slice(eq + 1).trim())) return true;
  }
  return false;
}
