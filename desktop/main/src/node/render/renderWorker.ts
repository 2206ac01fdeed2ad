import { parentPort, workerData } from 'node:worker_threads';
import { DEFAULT_GS_REVERB, HeadlessMixer, MIX_BLOCK } from '@encore/audio-engine/headless/mixer';
import { createSources } from '@encore/audio-engine/headless/renderProject';
import { loadSoundfont } from './soundfonts';
import type { PartRequest, PartReply } from './parallelProtocol';

/**
 * One part of a parallel headless render (parallelRender.ts): the source tracks it was given,
 * through their strips, summed per summing point into shared rings the main thread drains. It
 * runs ahead of the main thread by at most a ring, waiting on the `consumed` counter.
 */
async function run(req: PartRequest): Promise<PartReply> {
  const issues: string[] = [];
  const bank = req.soundfont ? await loadSoundfont(req.soundfont) : null;
  const sources = await createSources(req.plan, req.snapshot, { bank, audio: new Map(req.audio) }, new Set(req.tracks), issues, req.shareReverb);
  // The mix reverberates the gathered sends with the synths' starting reverb parameters; a synth
  // that changed its own keeps its reverb here instead (its sends then stay out of the rings).
  const standard = [...sources.taps.values()].every((t) => t.level === DEFAULT_GS_REVERB.level && t.time === DEFAULT_GS_REVERB.time && t.preDelayTime === DEFAULT_GS_REVERB.preDelayTime && t.preLowpass === DEFAULT_GS_REVERB.preLowpass);
  const mixer = new HeadlessMixer(req.plan, sources.renderers, { sources: new Set(req.tracks), mix: false, foldStrips: req.foldStrips, reverb: standard ? { mode: 'gather' } : undefined }, sources.taps);
  const sendRings = req.sendRings.map((sab) => new Float32Array(sab));
  const progress = new Int32Array(req.progress);
  const consumed = new Int32Array(req.consumed);
  const rings = req.rings.map((sab) => new Float32Array(sab));
  const ring = req.ringFrames;
  const points = req.plan.destinations.length;
  try {
    for (let f = 0; f < req.total; f += MIX_BLOCK) {
      // Wait for room: the main thread has not yet mixed what a whole ring ago was written.
      for (let used = Atomics.load(consumed, 0); f + MIX_BLOCK - used > ring; used = Atomics.load(consumed, 0)) Atomics.wait(consumed, 0, used, 1000);
      mixer.step(f, null);
      const at = f % ring;
      for (let d = 0; d < points; d++) {
        rings[2 * d]!.set(mixer.acc[d]![0]!, at);
        rings[2 * d + 1]!.set(mixer.acc[d]![1]!, at);
        const sends = standard ? mixer.reverb.sends(d) : null;
        if (sends) {
          sendRings[2 * d]!.set(sends[0], at);
          sendRings[2 * d + 1]!.set(sends[1], at);
        }
      }
      if ((f / MIX_BLOCK) % 16 === 15 || f + MIX_BLOCK >= req.total) {
        Atomics.store(progress, 0, f + MIX_BLOCK);
        Atomics.notify(progress, 0);
      }
    }
  } finally {
    mixer.dispose();
  }
  return { type: 'done', issues, tracks: sources.tracks, notes: sources.notes };
}

run(workerData as PartRequest).then(
  (reply) => parentPort!.postMessage(reply),
  (e: unknown) => parentPort!.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e), code: (e as { code?: string }).code ?? null } satisfies PartReply),
);
