import path from 'node:path';
import { openDatabase, type EncoreDatabase } from '../../../db/database';
import { tempDir } from '../../../db/testing';
import { silentLogger } from '../../../logger';
import { LibraryService, type LibraryServiceOptions } from '../LibraryService';

export interface Harness {
  root: string;
  music: string;
  dataDir: string;
  db: EncoreDatabase;
  library: LibraryService;
  dispose(): Promise<void>;
}

/** A temp folder with `music/` and `data/`, a database file and a LibraryService on it. */
export function libraryHarness(options: Partial<LibraryServiceOptions> = {}): Harness {
  const tmp = tempDir('encore-library-');
  const music = path.join(tmp.dir, 'music');
  const dataDir = path.join(tmp.dir, 'data');
  const db = openDatabase({ path: path.join(dataDir, 'desktop', 'encore.db') });
  const library = new LibraryService({ db, artworkDir: path.join(dataDir, 'desktop', 'artwork'), log: silentLogger(), ...options });
  return {
    root: tmp.dir,
    music,
    dataDir,
    db,
    library,
    async dispose() {
      await library.dispose();
      db.dispose();
      tmp.cleanup();
    },
  };
}
