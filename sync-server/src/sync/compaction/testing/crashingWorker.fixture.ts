/**
 * A compaction worker that dies on its job when the file named by ENCORE_TEST_CRASH_ONCE exists
 * (deleting it, so the next job folds), or on any job carrying the 1-byte update 0xff; otherwise
 * it is the real worker (pool and store tests).
 */
import fs from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { FoldJob } from '../protocol';

parentPort!.on('message', (job: FoldJob) => {
  const once = process.env.ENCORE_TEST_CRASH_ONCE;
  if (once && fs.existsSync(once)) {
    fs.rmSync(once, { force: true });
    process.exit(3);
  }
  if (job.updates.some((u) => u.byteLength === 1 && u[0] === 0xff)) process.exit(3);
});
await import('../worker');
