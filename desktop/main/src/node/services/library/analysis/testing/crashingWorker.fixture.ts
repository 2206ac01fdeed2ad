/** A worker that dies on a job whose path is 'crash' and otherwise behaves like the real one (WorkerPool test). */
import { parentPort } from 'node:worker_threads';
import type { AnalysisJob } from '../protocol';

parentPort!.on('message', (job: AnalysisJob) => {
  if (job.path === 'crash') process.exit(3);
});
await import('../analysisWorker');
