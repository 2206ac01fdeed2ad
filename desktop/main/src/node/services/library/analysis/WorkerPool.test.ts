import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../../db/testing';
import { renderLavfi } from './testing/fixtures';
import { AnalysisJobError, WorkerPool } from './WorkerPool';

describe('WorkerPool', () => {
  const tmp = tempDir('encore-pool-');
  afterAll(() => tmp.cleanup());

  it('runs jobs in worker threads, reports a bad file as a job error and survives a worker that dies', async () => {
    const file = await renderLavfi(path.join(tmp.dir, 'a.flac'), 'sine=frequency=1000:sample_rate=48000:duration=3', ['-ac', '2']);
    const crashing = new WorkerPool({ size: 1, entry: new URL('./testing/crashingWorker.fixture.ts', import.meta.url) });
    await expect(crashing.run({ path: 'crash', channels: 2, sampleRate: 48_000, decoder: 'ffmpeg', peakBuckets: 10 })).rejects.toThrow(AnalysisJobError);
    // The replacement worker takes the next job.
    await expect(crashing.run({ path: file, channels: 2, sampleRate: 48_000, decoder: 'ffmpeg', peakBuckets: 10 })).resolves.toMatchObject({ durationSec: 3 });
    await crashing.dispose();

    const pool = new WorkerPool({ size: 2 });
    const job = { channels: 2, sampleRate: 48_000, decoder: 'ffmpeg' as const, peakBuckets: 100 };
    const [ok, bad] = await Promise.allSettled([pool.run({ ...job, path: file }), pool.run({ ...job, path: path.join(tmp.dir, 'missing.flac') })]);
    expect(ok.status === 'fulfilled' && ok.value.peaks.length).toBe(200);
    expect(bad.status === 'rejected' && bad.reason).toBeInstanceOf(AnalysisJobError);
    await pool.dispose();
    await expect(pool.run({ ...job, path: file })).rejects.toThrow(/disposed/);
  });
});
