import type { Context } from 'hono';
import type { AppEnv } from './env';

/**
 * The client's address for rate limits: the socket's peer, or the first X-Forwarded-For
 * hop when TRUST_PROXY says a proxy in front sets it (otherwise anyone could forge it to
 * dodge the limits).
 */
export function clientIp(c: Context<AppEnv>, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  return c.env?.incoming?.socket.remoteAddress ?? 'unknown';
}
