/**
 * Worker thread of {@link TempoKeyWorker}: runs the tempo/key kernels on the blocks it is sent,
 * off the server's event loop. Messages in: `Float32Array` blocks, then `'finish'`; out: one
 * `{ ok: true, value: TempoKey }` or `{ ok: false, error }`.
 */
import { parentPort } from 'node:worker_threads';
import { TempoKeySink } from './tempoKey';

const port = parentPort!;
const sink = new TempoKeySink();
port.on('message', (m: Float32Array | 'finish') => {
  try {
    if (m === 'finish') port.postMessage({ ok: true, value: sink.finish() });
    else sink.push(m);
  } catch (e) {
    port.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) });
  }
});
port.postMessage('ready');
