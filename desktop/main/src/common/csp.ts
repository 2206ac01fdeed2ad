/**
 * The Content-Security-Policy of the renderer, the same in browser mode and Electron.
 * `connect-src` lists the host itself plus the configured sync and media servers, each
 * for http(s) and ws(s), because the renderer talks to them directly (never to anything else).
 */
export interface CspOptions {
  /** Origin the renderer is served from, e.g. `http://127.0.0.1:8790`; null under Electron's custom scheme. */
  selfOrigin: string | null;
  /** Server URLs the renderer may reach (sync-server, media-server); only their origins are used. */
  serverUrls: readonly string[];
}

/**
 * @example
 * buildCsp({ selfOrigin: 'http://127.0.0.1:8790', serverUrls: ['http://127.0.0.1:8787'] })
 * // "default-src 'self'; connect-src 'self' ws://127.0.0.1:8790 http://127.0.0.1:8787 ws://127.0.0.1:8787; ..."
 */
export function buildCsp(o: CspOptions): string {
  const connect = new Set<string>(["'self'"]);
  if (o.selfOrigin) connect.add(toWs(o.selfOrigin));
  for (const url of o.serverUrls) {
    const origin = originOf(url);
    if (!origin) continue;
    connect.add(origin);
    connect.add(toWs(origin));
  }
  return [
    "default-src 'self'",
    `connect-src ${[...connect].join(' ')}`,
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "style-src 'self' 'unsafe-inline'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    // A URL that does not parse is left out: a CSP source that is wrong would be worse.
    return null;
  }
}

function toWs(origin: string): string {
  return origin.replace(/^http/, 'ws');
}

/** Headers every renderer response carries besides the CSP. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
