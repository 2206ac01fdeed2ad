/**
 * Worker thread entry: decodes one file at a time and runs it through the analysis kernels,
 * so the host's event loop only ever sees small messages.
 */
import { parentPort } from 'node:worker_threads';
import { TrackAnalyzer } from '@encore/audio-engine/dsp/analysis/trackAnalyzer';
import { decode, DecodeError } from './decode';
import type { AnalysisJob, AnalysisOutcome, WorkerMessage } from './protocol';

const port = parentPort;
if (!port) throw new Error('analysisWorker.ts runs only as a worker thread');
const post = (m: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

async function run(job: AnalysisJob): Promise<void> {
  const started = performance.now();
  const analyzer = new TrackAnalyzer({ sampleRate: job.sampleRate, channels: job.channels, peakBuckets: job.peakBuckets });
  let frames = 0;
  let lastReport = started;
  await decode(job.decoder, { path: job.path, channels: job.channels, sampleRate: job.sampleRate }, (block) => {
    analyzer.push(block);
    frames += block[0]!.length;
    const now = performance.now();
    if (now - lastReport > 500) {
      lastReport = now;
      post({ type: 'progress', id: job.id, decodedSec: frames / job.sampleRate });
    }
  });
  const r = analyzer.finish();
  const outcome: AnalysisOutcome = {
    durationSec: r.durationSec,
    integratedLufs: r.integratedLufs,
    loudnessRangeLu: r.loudnessRangeLu,
    truePeakDbtp: Number.isFinite(r.truePeakDbtp) ? r.truePeakDbtp : null,
    peaks: r.peaks,
    bpm: r.tempo?.bpm ?? null,
    bpmConfidence: r.tempo?.confidence ?? null,
    key: r.key?.key ?? null,
    keyConfidence: r.key?.confidence ?? null,
    seconds: (performance.now() - started) / 1000,
  };
  post({ type: 'done', id: job.id, outcome }, [r.peaks.buffer as ArrayBuffer]);
}

port.on('message', (job: AnalysisJob) => {
  run(job).catch((e: unknown) => {
    // A decode error is about the file; anything else is a bug, reported with its message.
    const error = e instanceof DecodeError ? e.message : `Analysis failed: ${(e as Error)?.message ?? String(e)}`;
    post({ type: 'failed', id: job.id, error });
  });
});
post({ type: 'ready' });
