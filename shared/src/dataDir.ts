/**
 * Where Encore keeps everything on this machine, by platform convention, unless
 * `ENCORE_DATA_DIR` says otherwise. Pure: the caller passes env, platform and home folder
 * (shared/ has no Node), so desktop host, servers and CLI all agree on one answer.
 *
 * Layout under it: `desktop/` (SQLite library, blobs), `server/` (embedded PGlite, secrets),
 * `media/`.
 *
 * @example
 * defaultDataDir({ env: process.env, platform: process.platform, home: os.homedir() })
 */
export function defaultDataDir(o: { env: Record<string, string | undefined>; platform: string; home: string }): string {
  const { env, platform, home } = o;
  if (env.ENCORE_DATA_DIR) return env.ENCORE_DATA_DIR;
  if (platform === 'win32') return `${env.APPDATA ?? `${home}\\AppData\\Roaming`}\\Encore`;
  if (platform === 'darwin') return `${home}/Library/Application Support/Encore`;
  return `${env.XDG_DATA_HOME || `${home}/.local/share`}/encore`;
}

/** The sub-folder of the data folder owned by one part of Encore. */
export type DataArea = 'desktop' | 'server' | 'media';

export const DEFAULT_PORTS = { syncServer: 8787, mediaServer: 8788, browserMode: 8790 } as const;
