/**
 * Worker thread entry for library scans: reads, hashes and parses audio files and stores their
 * pictures, so the host's event loop only receives small records to write to the database.
 * Several files are read at once (the work is mostly I/O and parsing); the host limits how
 * many it sends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ArtworkStore } from './artworkStore';
import type { ReadJob, ReadReply, ReadWorkerData } from './readProtocol';
import { readAndStore } from './readAndStore';

const port = parentPort;
if (!port) throw new Error('readWorker.ts runs only as a worker thread');
const artwork = new ArtworkStore((workerData as ReadWorkerData).artworkDir);
const covers = new Map<string, string | null>();

port.on('message', (job: ReadJob) => {
  readAndStore(job, artwork, covers).then(
    (outcome) => port.postMessage({ type: 'done', id: job.id, outcome } satisfies ReadReply),
    (e: unknown) => port.postMessage({ type: 'failed', id: job.id, error: e instanceof Error ? e.message : String(e) } satisfies ReadReply),
  );
});
port.postMessage({ type: 'ready' } satisfies ReadReply);
