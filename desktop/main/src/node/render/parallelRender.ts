import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { EncoreError } from '@encore/shared/errors';
import type { ProjectSnapshot } from '@encore/shared/project/read/snapshot';
import { HeadlessMixer, MIX_BLOCK } from '@encore/audio-engine/headless/mixer';
import { planMix, type MixPlan } from '@encore/audio-engine/headless/mixPlan';
import { canShareReverb } from '@encore/audio-engine/headless/sharedReverb';
import { checkOptions, MasterFinish, renderedFrames, type ProjectRender, type ProjectRenderOptions } from '@encore/audio-engine/headless/renderProject';
import type { DecodedAudio } from '@encore/audio-engine/headless/sources';
import { createLimiter, limiterLatency } from '@encore/audio-engine/dsp/limiter';
import { abortError } from '@encore/audio-engine/core/errors';
import { renderProject } from '@encore/audio-engine/headless/renderProject';
import { availableParallelism } from 'node:os';
import { loadSoundfont } from './soundfonts';
import type { PartReply, PartRequest } from './parallelProtocol';

/** Frames of each worker's rings (about 3 s at 44.1 kHz): how far a worker may run ahead of the mix. */
const RING_FRAMES = 1 << 17;

/** Songs shorter than this render on one thread: starting workers would cost more than they save. */
const PARALLEL_MIN_SECONDS = 20;

/**
 * The headless render of `snapshot` on up to `threads` threads (by default one per core): split
 * over workers when the song is long enough and has several source tracks, else on this thread.
 *
 * @example
 * const mix = await renderHeadless(snapshot, audio, soundfontPath, { sampleRate: 48_000 });
 */
export async function renderHeadless(snapshot: ProjectSnapshot, audio: ReadonlyMap<string, DecodedAudio>, soundfont: string | null, options: Partial<ProjectRenderOptions>, threads = availableParallelism()): Promise<ProjectRender> {
  const o = checkOptions(options);
  const plan = planMix(snapshot, { sampleRate: o.sampleRate, tail: o.tail, solo: o.solo, until: o.until });
  // A sidechain needs its key in the same mixer: such a project renders on one thread.
  const keyed = plan.channels.some((c) => c.keys.length > 0);
  if (threads > 1 && !keyed && plan.frames >= PARALLEL_MIN_SECONDS * o.sampleRate && shareOut(plan, threads).length > 1) return renderParallel(snapshot, audio, soundfont, o, threads);
  const needsBank = plan.channels.some((c) => c.role === 'source' && c.audible && c.track.kind === 'instrument');
  const bank = needsBank && soundfont ? await loadSoundfont(soundfont) : null;
  return renderProject(snapshot, { bank, audio }, o);
}

/**
 * The headless render split over worker threads: the source tracks (the costly part: synths,
 * clips, their strips) are shared out to `threads` workers by expected cost, each sums its
 * tracks per summing point into shared rings (and its shared-reverb sends into others), and
 * this thread mixes from those sums as they arrive: the GM reverb once, the buses, the master,
 * the safety limiter, and the sink (the file's encoder). The same block code as
 * renderProject, so the result is the same but for the order of float additions.
 *
 * @example
 * const mix = await renderParallel(snapshot, audio, '/usr/share/sounds/sf3/MuseScore_General_Lite.sf3', { sampleRate: 44_100 }, 2);
 */
export async function renderParallel(snapshot: ProjectSnapshot, audio: ReadonlyMap<string, DecodedAudio>, soundfont: string | null, options: Partial<ProjectRenderOptions>, threads: number): Promise<ProjectRender> {
  const o = checkOptions(options);
  const plan = planMix(snapshot, { sampleRate: o.sampleRate, tail: o.tail, solo: o.solo, until: o.until });
  const limiterFrames = o.limiter === false ? 0 : limiterLatency(createLimiter(o.limiter, o.sampleRate, 2));
  const total = renderedFrames(plan, limiterFrames);
  const parts = shareOut(plan, threads);
  const consumed = new SharedArrayBuffer(4);
  const points = plan.destinations.length;
  const workers = parts.map((tracks) => {
    const req: PartRequest = {
      snapshot,
      plan,
      soundfont: tracks.some((id) => plan.channels.find((c) => c.id === id)?.track.kind === 'instrument') ? soundfont : null,
      audio: [...audio],
      tracks,
      shareReverb: o.shareReverb,
      foldStrips: o.foldStrips,
      total,
      rings: Array.from({ length: 2 * points }, () => new SharedArrayBuffer(RING_FRAMES * 4)),
      sendRings: Array.from({ length: 2 * points }, () => new SharedArrayBuffer(RING_FRAMES * 4)),
      ringFrames: RING_FRAMES,
      progress: new SharedArrayBuffer(4),
      consumed,
    };
    return { req, progress: new Int32Array(req.progress), rings: req.rings.map((b) => new Float32Array(b)), sendRings: req.sendRings.map((b) => new Float32Array(b)), done: start(req) };
  });
  let failure: unknown = null;
  const finished = Promise.all(workers.map((w) => w.done)).catch((e: unknown) => {
    failure = e;
    return [];
  });

  // The shared GM reverb runs once, here, over what every part gathered for it (sharedReverb.ts).
  const reverbPoints = o.shareReverb ? [...new Set(plan.channels.filter((c) => c.audible && c.track.kind === 'instrument' && canShareReverb(c)).flatMap((c) => c.member.outputs))] : [];
  const mixer = new HeadlessMixer(plan, new Map(), { sources: new Set(), mix: true, reverb: { mode: 'points', points: reverbPoints } });
  const left = new Float32Array(total);
  const right = new Float32Array(total);
  // The limiter and the sink (the file's encoder) run here while the workers render ahead.
  const finish = new MasterFinish(plan, [left, right], o.limiter, o.sink);
  const every = Math.ceil((o.sampleRate * 5) / MIX_BLOCK) * MIX_BLOCK;
  // Adds every part's ring block at `at` into a point's pair: per point, the parts' left and
  // right rings in flat arrays (one shape for every call, no lookups by name in the hot loop).
  let at = 0;
  const sum = (rings: readonly Float32Array[][]) => {
    const byPoint = Array.from({ length: points }, (_, d) => ({ left: rings.map((r) => r[2 * d]!), right: rings.map((r) => r[2 * d + 1]!) }));
    return (d: number, l: Float32Array, r: Float32Array) => {
      const { left: ls, right: rs } = byPoint[d]!;
      const a = at;
      for (let k = 0; k < ls.length; k++) {
        const rl = ls[k]!;
        const rr = rs[k]!;
        for (let i = 0; i < MIX_BLOCK; i++) {
          l[i]! += rl[a + i]!;
          r[i]! += rr[a + i]!;
        }
      }
    };
  };
  const sumRings = sum(workers.map((w) => w.rings));
  const sumSends = sum(workers.map((w) => w.sendRings));
  let f = 0;
  try {
    while (f < total) {
      if (failure) throw failure;
      if (o.signal?.aborted) throw abortError();
      let ready = total;
      let slowest = workers[0]!;
      for (const w of workers) {
        const p = Atomics.load(w.progress, 0);
        if (p < ready) [ready, slowest] = [p, w];
      }
      if (ready <= f) {
        await waitAsync(slowest.progress, 0, ready, 200).value;
        continue;
      }
      const from = f;
      for (; f < ready; f += MIX_BLOCK) {
        at = f % RING_FRAMES;
        mixer.step(f, sumRings, sumSends);
        left.set(mixer.out[0]!, f);
        right.set(mixer.out[1]!, f);
        if ((f + MIX_BLOCK) % every === 0) o.onProgress?.((f + MIX_BLOCK) / total);
      }
      Atomics.store(new Int32Array(consumed), 0, f);
      Atomics.notify(new Int32Array(consumed), 0);
      finish.push(from, f);
    }
  } catch (e) {
    await Promise.all(workers.map((w) => w.done.terminate()));
    throw e;
  }
  const replies = await finished;
  if (failure) throw failure;
  o.onProgress?.(1);
  const issues = [...plan.issues, ...replies.flatMap((r) => r.issues)];
  return {
    sampleRate: o.sampleRate,
    channels: finish.channels,
    seconds: plan.frames / o.sampleRate,
    issues: [...new Set(issues)],
    tracks: replies.reduce((n, r) => n + r.tracks, 0),
    notes: replies.reduce((n, r) => n + r.notes, 0),
    peak: finish.peak,
    limited: finish.limited,
  };
}

/**
 * The audible source tracks in `threads` groups of about equal expected cost (a soundfont track
 * costs about as much as 4,000 of its notes; clips are cheap), longest first. Empty groups are dropped.
 */
export function shareOut(plan: MixPlan, threads: number): string[][] {
  const costs = plan.channels
    .filter((c) => c.role === 'source' && c.audible)
    .map((c) => {
      const notes = c.track.clips.reduce((n, clip) => n + (clip.kind === 'midi' ? clip.notes.length : 0), 0);
      return { id: c.id, cost: c.track.kind === 'instrument' ? 4000 + notes : 1000 };
    })
    .sort((a, b) => b.cost - a.cost);
  const groups = Array.from({ length: Math.max(1, threads) }, () => ({ ids: [] as string[], cost: 0 }));
  for (const c of costs) {
    const g = groups.reduce((a, b) => (b.cost < a.cost ? b : a));
    g.ids.push(c.id);
    g.cost += c.cost;
  }
  return groups.filter((g) => g.ids.length > 0).map((g) => g.ids);
}

/** Atomics.waitAsync (Node 16+; the project's TypeScript lib predates its typing). */
const waitAsync = (Atomics as unknown as { waitAsync(a: Int32Array, i: number, v: number, ms: number): { value: Promise<string> | string } }).waitAsync.bind(Atomics);

/** Defined (as the worker bundle's URL) when this code runs from the CLI's bundle (bin/cliBundle.js). */
declare const __ENCORE_RENDER_WORKER__: string | undefined;

/**
 * A worker starts from the worker bundle when this code runs bundled (the `encore` command);
 * from the TypeScript sources (tests, the app under tsx) it runs them through tsx as its parent
 * does: its entry registers tsx's loader in the worker, then imports the worker module
 * (`--import tsx` in a worker's execArgv does not reach its entry point on Node 20).
 */
function workerEntry(): { code: string | URL; eval: boolean } {
  if (typeof __ENCORE_RENDER_WORKER__ === 'string') return { code: new URL(__ENCORE_RENDER_WORKER__), eval: false };
  // The ESM build of tsx/esm/api (require.resolve would give the CommonJS one, which cannot register ESM hooks).
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const exports = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports;
  const tsxApi = pathToFileURL(join(dirname(manifest), exports['./esm/api']!.import.default)).href;
  return { code: `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(require('node:worker_threads').workerData.entry); })`, eval: true };
}

type Started = Promise<Extract<PartReply, { type: 'done' }>> & { terminate(): Promise<void> };

function start(req: PartRequest): Started {
  const entry = workerEntry();
  const worker = new Worker(entry.code, { eval: entry.eval, workerData: { ...req, entry: new URL('./renderWorker.ts', import.meta.url).href } });
  const done = new Promise<Extract<PartReply, { type: 'done' }>>((resolve, reject) => {
    worker.once('message', (reply: PartReply) => {
      if (reply.type === 'done') resolve(reply);
      else reject(new EncoreError(reply.code === 'BAD_OPTIONS' ? 'BAD_REQUEST' : 'INTERNAL', `render worker: ${reply.message}`));
      void worker.terminate();
    });
    worker.once('error', (e) => reject(new EncoreError('INTERNAL', `render worker failed: ${e.message}`)));
    worker.once('exit', (code) => reject(new EncoreError('INTERNAL', `render worker exited (code ${code})`)));
  });
  return Object.assign(done, { terminate: () => worker.terminate().then(() => undefined) });
}
