import { describe, expect, it, vi } from 'vitest';
import { ANALYSIS_RATE } from '@encore/shared/audioAnalysis/tempoKey';
import { clickTrack } from '@encore/shared/audioAnalysis/signals.fixtures';
import { TempoKeySink, TempoKeyWorker } from './tempoKey';

// Starting a worker registers tsx's loader in it: seconds on a loaded machine.
vi.setConfig({ testTimeout: 60_000 });

const blocks = (x: Float32Array, size: number) => Array.from({ length: Math.ceil(x.length / size) }, (_, i) => x.slice(i * size, (i + 1) * size));

describe('TempoKeyWorker', () => {
  it('finds the same tempo off the event loop as the in-thread sink', async () => {
    const clicks = clickTrack(128, 20, ANALYSIS_RATE);
    const sink = new TempoKeySink();
    for (const b of blocks(clicks, 4096)) sink.push(b);
    const expected = sink.finish();
    expect(expected.bpm).toBeCloseTo(128, 0);
    const worker = new TempoKeyWorker();
    try {
      const sent = blocks(clicks, 4096);
      for (const b of sent) worker.push(b);
      // Blocks are transferred, not copied: the caller's buffer is detached.
      expect(sent[0]!.length).toBe(0);
      expect(await worker.finish()).toEqual(expected);
    } finally {
      await worker.dispose();
    }
  });

  it('rejects finish once the thread is gone', async () => {
    const worker = new TempoKeyWorker();
    await worker.dispose();
    await expect(worker.finish()).rejects.toThrow(/exited/);
  });
});
