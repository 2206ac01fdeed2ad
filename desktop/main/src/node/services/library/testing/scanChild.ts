/**
 * A scan in its own process, for the crash test: `node --import tsx scanChild.ts <dataDir> <music>`.
 * Prints one line per progress event and sleeps after each, so the parent can kill -9 it
 * between (or during) batch commits.
 */
import path from 'node:path';
import { openDatabase } from '../../../db/database';
import { silentLogger } from '../../../logger';
import { LibraryService } from '../LibraryService';

const [dataDir, music] = process.argv.slice(2) as [string, string];
const db = openDatabase({ path: path.join(dataDir, 'desktop', 'encore.db') });
const library = new LibraryService({ db, artworkDir: path.join(dataDir, 'desktop', 'artwork'), log: silentLogger(), batchSize: 3, concurrency: 1 });
const pause = new Int32Array(new SharedArrayBuffer(4));
library.onProgress((p) => {
  process.stdout.write(`${JSON.stringify(p)}\n`);
  // Holds the process still (as slow disks would) so the kill lands mid-import.
  if (p.processed > 0) Atomics.wait(pause, 0, 0, 250);
});
if (library.folders().length === 0) library.addFolder(music);
await library.scan();
process.stdout.write('done\n');
