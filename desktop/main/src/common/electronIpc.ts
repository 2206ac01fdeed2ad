/**
 * The Electron transport's fixed names and sender rule, kept here (no Electron, no Node) so
 * they are unit-tested; the Electron shell itself cannot run on machines without its binary.
 */
export const APP_SCHEME = 'encore-app';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The only invoke channel: one host API call per invoke. */
export const HOST_CHANNEL = 'encore:host';
/** The only push channel: `{event, payload}` frames. */
export const EVENT_CHANNEL = 'encore:event';

/** True when a frame URL belongs to the app's own pages (not a navigated-to site or an iframe from elsewhere). */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && !u.username && !u.password;
  } catch {
    return false;
  }
}
