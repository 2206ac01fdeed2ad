/** A read worker that dies on any file whose name contains "crash" (the crash test's fixture). */
import { parentPort } from 'node:worker_threads';
import type { ReadJob, ReadReply } from '../readProtocol';

parentPort!.on('message', (job: ReadJob) => {
  if (job.path.includes('crash')) process.exit(3);
  parentPort!.postMessage({ type: 'done', id: job.id, outcome: { ok: false, reason: `fixture read ${job.path}`, size: 1, mtimeMs: 1 } } satisfies ReadReply);
});
parentPort!.postMessage({ type: 'ready' } satisfies ReadReply);
