/**
 * A compaction worker thread: folds one document's log into its snapshot per message and
 * answers with the packed snapshot, whose buffer is transferred back (not copied). A fold
 * that throws (a corrupt update) is answered as an error; the thread lives on.
 */
import { parentPort } from 'node:worker_threads';
import { foldSnapshot } from './fold';
import type { FoldJob, FoldReply } from './protocol';

const port = parentPort;
if (!port) throw new Error('the compaction worker runs in a worker thread');

port.on('message', (job: FoldJob) => {
  let reply: FoldReply;
  try {
    const { packed, sizeBytes } = foldSnapshot(job);
    reply = { id: job.id, ok: true, packed, sizeBytes };
  } catch (e) {
    reply = { id: job.id, ok: false, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
  port.postMessage(reply, reply.ok ? [reply.packed.buffer as ArrayBuffer] : []);
});
