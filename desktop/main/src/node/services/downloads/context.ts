import type { Logger } from '../../logger';
import type { ArtworkStore } from '../library/artworkStore';
import type { LibrarySql } from '../library/librarySql';
import type { MasterKey } from './crypto/masterKey';
import type { LicenceApi, ServerAuth } from './licenceApi';

/** What the parts of the download service share. */
export interface DownloadsContext {
  sql: LibrarySql;
  /** Folder of the encrypted files, `<desktopDir>/downloads`. */
  dir: string;
  master: MasterKey;
  api: LicenceApi;
  /** The signed-in account with a usable access token, or null (signed out or offline). */
  auth(): Promise<ServerAuth | null>;
  now(): number;
  log: Logger;
  /** Name this install registers under. */
  deviceName: string;
  /** The library's artwork store: catalog covers go there so the album views show them. */
  artwork?: ArtworkStore;
}

/** The encrypted file of a download (ids are UUIDs, checked by the contract before they get here). */
export const fileOf = (ctx: Pick<DownloadsContext, 'dir'>, id: string) => `${ctx.dir}/${id}.encd`;
