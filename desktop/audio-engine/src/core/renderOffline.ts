import type { ProjectSnapshot } from '@encore/shared/project/read/snapshot';
import { TempoMap } from '@encore/shared/project/tempoMap';
import type { LimiterNodeOptions } from '../nodes/LimiterNode';
import { loadWorklets, type WorkletUrls } from '../nodes/worklets';
import { RenderGraph, type RenderGraphOptions } from '../graph/renderGraph';
import { songEnd } from '../graph/timeline';
import { abortError, EngineError } from './errors';
import { Scheduler } from './scheduler';
import { SourceFeed } from './sourceFeed';
import { planSplit, sourceJob, type SplitPlan } from './sourceSplit';

export interface RenderOptions {
  sampleRate: number;
  channels: number;
  /** Worklet module URLs (WORKLET_URLS in Vite builds). */
  worklets: WorkletUrls;
  /** Decoded audio by asset hash. */
  buffers: ReadonlyMap<string, AudioBuffer>;
  /** Song seconds to render; by default from 0 to the last note or clip plus `tail`. */
  range: { readonly from: number; readonly to: number } | null;
  /** Seconds rendered after the song's end for tails (reverb, delay, releases). */
  tail: number;
  /** Track ids to render as stems: each one soloed (with the buses it feeds) through the master. */
  stems: readonly string[];
  /** The master safety limiter (true-peak look-ahead), or false for none. */
  limiter: Partial<LimiterNodeOptions> | false;
  /**
   * Seconds of audio per scheduling window. Each window costs a suspend, a resume and an
   * acknowledged delivery, during which the render thread waits for the main thread: 1 s keeps
   * that under a few percent of a render while holding only a second or two of events ahead.
   */
  window: number;
  /**
   * Threads the mix renders on: the offline context plus `concurrency - 1` workers that render
   * a share of the source tracks (fused strips in plain TypeScript) and feed their sums to the
   * context as it goes (see planSplit). Chromium runs every offline context that has
   * AudioWorklets on one shared thread per page, so more contexts would not help: workers do.
   * Default: the machine's cores (navigator.hardwareConcurrency), at most 4. Stems render on the
   * context alone.
   */
  concurrency: number;
  /** Fused channel processors where possible (see RenderGraphOptions.fused); false renders the reference node graph. */
  fused: boolean;
  /** Fused source tracks share channel processors (RenderGraphOptions.group); false gives each track its own. */
  group: boolean;
  onProgress: ((fraction: number) => void) | null;
  signal: AbortSignal | null;
}

export interface RenderResult {
  readonly mix: AudioBuffer;
  readonly stems: ReadonlyMap<string, AudioBuffer>;
  /** What the graph could not do as the document says (missing audio, unsupported instrument…). */
  readonly issues: readonly string[];
}

export const DEFAULT_RENDER_OPTIONS: Omit<RenderOptions, 'worklets'> = {
  sampleRate: 48_000,
  channels: 2,
  buffers: new Map(),
  range: null,
  tail: 2,
  stems: [],
  limiter: {},
  window: 1,
  concurrency: Math.max(1, Math.min(4, globalThis.navigator?.hardwareConcurrency ?? 1)),
  fused: true,
  group: true,
  onProgress: null,
  signal: null,
};

/**
 * Renders a project snapshot offline, much faster than real time, through the same graph the
 * player uses. Events are fed window by window (OfflineAudioContext.suspend/resume), never the
 * whole song up front. The master limiter's look-ahead is compensated: sample 0 of the result is
 * song time `range.from`. Rejects with an AbortError when `signal` aborts.
 *
 * @example
 * const { mix } = await renderOffline(snapshot, { worklets: WORKLET_URLS, buffers, onProgress: (f) => bar.value = f });
 * const wav = encodeWav(mix, { bitDepth: 24 });
 */
export async function renderOffline(snapshot: ProjectSnapshot, options: Partial<RenderOptions> & Pick<RenderOptions, 'worklets'>): Promise<RenderResult> {
  const o: RenderOptions = { ...DEFAULT_RENDER_OPTIONS, ...options };
  if (!(o.sampleRate >= 8000 && o.sampleRate <= 384_000) || !(o.channels >= 1 && o.channels <= 32) || !(o.window > 0)) {
    throw new EngineError('BAD_OPTIONS', 'render options: sampleRate 8000-384000, channels 1-32, window > 0');
  }
  if (o.signal?.aborted) throw abortError();
  const tempo = new TempoMap(snapshot.tempo);
  const range = o.range ?? { from: 0, to: songEnd(snapshot, tempo) + o.tail };
  if (!(range.to > range.from) || range.from < 0) throw new EngineError('BAD_OPTIONS', `empty render range ${range.from}-${range.to} s`);

  // The mix alone: share its source tracks out to workers when the project allows it.
  // (Windows of a few quanta at least: each chunk must be scheduled before the context reaches it.)
  const splittable = o.stems.length === 0 && o.fused && isFrameAligned(range.from, o.sampleRate) && o.window * o.sampleRate >= 512;
  const plan = splittable ? planSplit(snapshot, o.concurrency, o.buffers, o.sampleRate) : null;
  if (plan) {
    const result = await renderSplit(snapshot, o, range, plan).catch(async (error: unknown) => {
      // A page whose policy refuses workers still renders, on the context alone.
      if (!(error instanceof EngineError && error.code === 'WORKER_FAILED')) throw error;
      const single = await renderOnce(snapshot, o, range, null, (f) => o.onProgress?.(f));
      return { ...single, issues: [...single.issues, `${error.message}; rendered on one thread`] };
    });
    o.onProgress?.(1);
    return { mix: result.buffer, stems: new Map(), issues: result.issues };
  }

  const jobs: (readonly string[] | null)[] = [null, ...o.stems.map((id) => [id])];
  const fractions = jobs.map(() => 0);
  const report = (job: number, f: number) => {
    fractions[job] = f;
    o.onProgress?.(fractions.reduce((a, b) => a + b, 0) / jobs.length);
  };
  // One after the other: contexts side by side would share Chromium's one offline worklet thread.
  const results: { buffer: AudioBuffer; issues: readonly string[] }[] = [];
  for (const [job, solo] of jobs.entries()) results.push(await renderOnce(snapshot, o, range, solo, (f) => report(job, f)));
  o.onProgress?.(1);
  return {
    mix: results[0]!.buffer,
    stems: new Map(o.stems.map((id, i) => [id, results[i + 1]!.buffer])),
    issues: [...new Set(results.flatMap((r) => r.issues))],
  };
}

/** Whether song time `t` falls on a frame (the workers count song frames, the context counts from `t`). */
const isFrameAligned = (t: number, sampleRate: number) => Math.abs(t * sampleRate - Math.round(t * sampleRate)) < 1e-6;

/**
 * The mix with some source tracks rendered by workers (planSplit): the offline context renders
 * every other track, the buses, the master and its limiter, and the workers' sums come into the
 * summing points window by window as they render side by side.
 */
async function renderSplit(snapshot: ProjectSnapshot, o: RenderOptions, range: { from: number; to: number }, plan: SplitPlan): Promise<{ buffer: AudioBuffer; issues: readonly string[] }> {
  const frames = Math.round((range.to - range.from) * o.sampleRate);
  const latency = RenderGraph.latencyOf(snapshot, o.sampleRate, o.limiter);
  const jobs = plan.workers.map((tracks) => sourceJob(snapshot, tracks, o, range, frames + latency));
  const sources = new Set(plan.workers.flatMap((g) => [...g]));
  let feed: SourceFeed | null = null;
  try {
    const { rendered, issues } = await renderContext(snapshot, o, range, o.channels, frames + latency, { limiter: o.limiter, part: { kind: 'mix', sources } }, (f) => o.onProgress?.(f), (graph, context) => {
      feed = new SourceFeed(context, graph, plan.destinations, jobs, createSourceWorker, o.window * o.sampleRate);
      return feed;
    });
    return { buffer: trim(rendered, latency, frames, o.channels), issues };
  } finally {
    (feed as SourceFeed | null)?.dispose();
  }
}

const createSourceWorker = () => {
  try {
    return new Worker(new URL('./sourceWorker.ts', import.meta.url), { type: 'module', name: 'encore-render-sources' });
  } catch (error) {
    throw new EngineError('WORKER_FAILED', `source worker: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
};

/** `frames` frames of `rendered` from `latency` on. */
function trim(rendered: AudioBuffer, latency: number, frames: number, channels: number): AudioBuffer {
  const out = new AudioBuffer({ length: frames, numberOfChannels: channels, sampleRate: rendered.sampleRate });
  for (let c = 0; c < channels; c++) out.copyToChannel(rendered.getChannelData(c).subarray(latency, latency + frames), c);
  return out;
}

async function renderOnce(
  snapshot: ProjectSnapshot,
  o: RenderOptions,
  range: { from: number; to: number },
  solo: readonly string[] | null,
  progress: (fraction: number) => void,
): Promise<{ buffer: AudioBuffer; issues: readonly string[] }> {
  const frames = Math.round((range.to - range.from) * o.sampleRate);
  const latency = RenderGraph.latencyOf(snapshot, o.sampleRate, o.limiter);
  const { rendered, issues } = await renderContext(snapshot, o, range, o.channels, frames + latency, { limiter: o.limiter, solo }, progress);
  return { buffer: trim(rendered, latency, frames, o.channels), issues };
}

/** Frames per render quantum: an offline context suspends only between two. */
const RENDER_QUANTUM = 128;

/**
 * Context time of the suspend `k` windows in: the render-quantum boundary at or before k·W.
 * Chromium rounds a suspend time between two quanta up, so a suspend at k·W itself would let the
 * render run up to a quantum past the window, where the events sent one window ahead (those at
 * k·W and after) may still be on their way to the processors: notes or ramps there came out late,
 * by an amount that depended on the window length.
 */
const suspendTime = (k: number, W: number, sampleRate: number) => (Math.floor((k * W * sampleRate) / RENDER_QUANTUM + 1e-6) * RENDER_QUANTUM) / sampleRate;

/** What feeds a context from outside while it renders: primed before it starts, then at each window's suspend. */
interface WindowFeed {
  prime(): Promise<void>;
  window(k: number): Promise<void>;
}

/**
 * Renders `length` frames of a graph of `snapshot` (built with `graphOptions`) on a new
 * offline context, feeding its events window by window. `setup` adds what the caller feeds in.
 */
async function renderContext(
  snapshot: ProjectSnapshot,
  o: RenderOptions,
  range: { from: number; to: number },
  channels: number,
  length: number,
  graphOptions: Partial<RenderGraphOptions>,
  progress: (fraction: number) => void,
  setup?: (graph: RenderGraph, context: OfflineAudioContext) => WindowFeed,
): Promise<{ rendered: AudioBuffer; issues: readonly string[] }> {
  const { sampleRate, signal } = o;
  // At least one render quantum: two suspends cannot share one.
  const W = Math.max(o.window, RENDER_QUANTUM / sampleRate);
  const context = new OfflineAudioContext({ numberOfChannels: channels, length, sampleRate });
  await loadWorklets(context, o.worklets);
  if (signal?.aborted) throw abortError();
  const graph = new RenderGraph(context, snapshot, { buffers: o.buffers, timeOffset: -range.from, meters: false, fused: o.fused, group: o.group, ...graphOptions });
  let feed: WindowFeed | null = null;
  try {
    feed = setup?.(graph, context) ?? null;
  } catch (error) {
    graph.dispose();
    throw error;
  }
  const scheduler = new Scheduler(graph);
  scheduler.start(range.from);
  scheduler.advance(range.from + 2 * W);
  const total = length / sampleRate;

  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      graph.dispose();
      reject(error);
    };
    // An aborted render is simply never resumed; the suspended context is then collected.
    const onAbort = () => fail(abortError());
    signal?.addEventListener('abort', onAbort, { once: true });
    const suspendAt = (k: number) => {
      const t = suspendTime(k, W, sampleRate);
      if (t >= total) return;
      context.suspend(t).then(async () => {
        try {
          // Notes for the coming window were sent one window ago; wait until they are in.
          await Promise.all([graph.delivered(), feed?.window(k)]);
          if (settled) return;
          scheduler.advance(range.from + (k + 2) * W);
          progress(t / total);
          suspendAt(k + 1);
          await context.resume();
        } catch (error) {
          fail(error);
        }
      }, fail);
    };
    Promise.all([graph.delivered(), feed?.prime()])
      .then(() => {
        suspendAt(1);
        return context.startRendering();
      })
      .then((rendered) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        const issues = [...graph.issues];
        graph.dispose();
        progress(1);
        resolve({ rendered, issues });
      }, fail);
  });
}
