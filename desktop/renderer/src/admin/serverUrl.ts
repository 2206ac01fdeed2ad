export const DEFAULT_SYNC_SERVER = 'http://127.0.0.1:8787';

/**
 * The sync-server the admin view talks to: `?server=` when it is an http(s) URL, else the
 * local default. Trailing slashes are dropped so paths can be appended.
 *
 * @example
 * serverFromSearch('?server=https://sync.example.com/'); // 'https://sync.example.com'
 */
export function serverFromSearch(search: string): string {
  const raw = new URLSearchParams(search).get('server');
  if (!raw) return DEFAULT_SYNC_SERVER;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return DEFAULT_SYNC_SERVER;
    return url.href.replace(/\/+$/, '');
  } catch {
    return DEFAULT_SYNC_SERVER;
  }
}
