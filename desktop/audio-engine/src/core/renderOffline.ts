import type { ProjectSnapshot, TrackSnapshot } from '@encore/shared/project/read/snapshot';
import { TempoMap } from '@encore/shared/project/tempoMap';
import type { LimiterNodeOptions } from '../nodes/LimiterNode';
import { loadWorklets, type WorkletUrls } from '../nodes/worklets';
import { RenderGraph, type RenderGraphOptions } from '../graph/renderGraph';
import { MASTER_ID } from '../graph/latency';
import { resolveRouting } from '../graph/routing';
import { songEnd } from '../graph/timeline';
import { abortError, EngineError } from './errors';
import { Scheduler } from './scheduler';

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
   * Renders run side by side on this many offline contexts (each has its own render thread).
   * Default 1: on the 2-core bench machine, idle, the split measured 9.9x real time against 10.1x
   * for one context (the second pass and copies eat the gain) while holding ~276 MB more per group.
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
  concurrency: 1,
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

  // The mix alone: split its source tracks across contexts when the project allows it.
  const plan = o.stems.length === 0 && o.concurrency >= 2 ? planSplit(snapshot, o.concurrency) : null;
  if (plan) {
    const result = await renderSplit(snapshot, o, range, plan);
    o.onProgress?.(1);
    return { mix: result.buffer, stems: new Map(), issues: result.issues };
  }

  const jobs: (readonly string[] | null)[] = [null, ...o.stems.map((id) => [id])];
  const fractions = jobs.map(() => 0);
  const report = (job: number, f: number) => {
    fractions[job] = f;
    o.onProgress?.(fractions.reduce((a, b) => a + b, 0) / jobs.length);
  };
  const results: { buffer: AudioBuffer; issues: readonly string[] }[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const job = next++;
      results[job] = await renderOnce(snapshot, o, range, jobs[job]!, (f) => report(job, f));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.concurrency, jobs.length)) }, worker));
  o.onProgress?.(1);
  return {
    mix: results[0]!.buffer,
    stems: new Map(o.stems.map((id, i) => [id, results[i + 1]!.buffer])),
    issues: [...new Set(results.flatMap((r) => r.issues))],
  };
}

/** How a split render shares the project out: source track groups and the channels they feed. */
export interface SplitPlan {
  /** Source tracks (everything but buses) per context. */
  readonly groups: readonly ReadonlySet<string>[];
  /** The master and every bus a source track feeds, in output-channel-pair order. */
  readonly destinations: readonly string[];
}

/**
 * Splits the source tracks of `snapshot` into up to `concurrency` groups of similar cost, or
 * returns null when the project cannot be split: fewer than two source tracks, a sidechain
 * (its source and its compressor must share a context), or more destinations than output
 * channels.
 *
 * @example
 * planSplit(snapshot, 2)?.groups.length; // 2
 */
export function planSplit(snapshot: ProjectSnapshot, concurrency: number): SplitPlan | null {
  const sources = snapshot.tracks.filter((t) => t.kind !== 'bus');
  const n = Math.min(concurrency, sources.length);
  if (n < 2) return null;
  if ([...snapshot.tracks, ...(snapshot.master ? [snapshot.master] : [])].some((t) => t.devices.some((d) => !d.bypass && d.sidechainTrackId !== null))) return null;
  const routing = resolveRouting(snapshot);
  const destinations = [MASTER_ID];
  for (const t of sources) {
    for (const id of [routing.output.get(t.id) ?? MASTER_ID, ...(routing.sends.get(t.id) ?? []).map((s) => s.targetTrackId)]) {
      if (!destinations.includes(id)) destinations.push(id);
    }
  }
  if (2 * destinations.length > 32) return null;
  // Rough per-block cost: a voice bank weighs most, then clips, then each device.
  const cost = (t: TrackSnapshot) => (t.kind === 'instrument' ? 4 : 2) + t.devices.filter((d) => !d.bypass).length;
  const groups = Array.from({ length: n }, () => ({ tracks: new Set<string>(), cost: 0 }));
  for (const t of [...sources].sort((a, b) => cost(b) - cost(a))) {
    const lightest = groups.reduce((a, b) => (b.cost < a.cost ? b : a));
    lightest.tracks.add(t.id);
    lightest.cost += cost(t);
  }
  return { groups: groups.map((g) => g.tracks), destinations };
}

/** Share of the progress bar the source passes take (the mix pass takes the rest). */
const SOURCES_SHARE = 0.8;

/**
 * The mix rendered in two passes: each group of source tracks on its own context at once (each
 * has its own render thread), summed per destination; then the buses, the master and the
 * limiter on one more context fed with those sums.
 */
async function renderSplit(snapshot: ProjectSnapshot, o: RenderOptions, range: { from: number; to: number }, plan: SplitPlan): Promise<{ buffer: AudioBuffer; issues: readonly string[] }> {
  const frames = Math.round((range.to - range.from) * o.sampleRate);
  const latency = RenderGraph.latencyOf(snapshot, o.sampleRate, o.limiter);
  const channels = 2 * plan.destinations.length;
  const fractions = plan.groups.map(() => 0);
  const parts = await Promise.all(
    plan.groups.map((tracks, k) =>
      renderContext(snapshot, o, range, channels, frames + latency, { limiter: false, part: { kind: 'sources', tracks, destinations: plan.destinations } }, (f) => {
        fractions[k] = f;
        o.onProgress?.((SOURCES_SHARE * fractions.reduce((a, b) => a + b, 0)) / fractions.length);
      }),
    ),
  );
  const sum = parts[0]!.rendered;
  for (const part of parts.slice(1)) {
    for (let c = 0; c < channels; c++) {
      const a = sum.getChannelData(c);
      const b = part.rendered.getChannelData(c);
      for (let i = 0; i < a.length; i++) a[i]! += b[i]!;
    }
  }
  const sources = new Set(plan.groups.flatMap((g) => [...g]));
  const mix = await renderContext(
    snapshot,
    o,
    range,
    o.channels,
    frames + latency,
    { limiter: o.limiter, part: { kind: 'mix', sources } },
    (f) => o.onProgress?.(SOURCES_SHARE + (1 - SOURCES_SHARE) * f),
    (graph, context) => {
      const player = new AudioBufferSourceNode(context, { buffer: sum });
      const splitter = new ChannelSplitterNode(context, { numberOfOutputs: channels });
      player.connect(splitter);
      plan.destinations.forEach((id, k) => {
        const input = graph.inputOf(id);
        if (!input) return;
        const merger = new ChannelMergerNode(context, { numberOfInputs: 2 });
        splitter.connect(merger, 2 * k, 0);
        splitter.connect(merger, 2 * k + 1, 1);
        merger.connect(input);
      });
      player.start(0);
    },
  );
  return { buffer: trim(mix.rendered, latency, frames, o.channels), issues: [...new Set([...parts.flatMap((p) => p.issues), ...mix.issues])] };
}

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
  setup?: (graph: RenderGraph, context: OfflineAudioContext) => void,
): Promise<{ rendered: AudioBuffer; issues: readonly string[] }> {
  const { sampleRate, window: W, signal } = o;
  const context = new OfflineAudioContext({ numberOfChannels: channels, length, sampleRate });
  await loadWorklets(context, o.worklets);
  if (signal?.aborted) throw abortError();
  const graph = new RenderGraph(context, snapshot, { buffers: o.buffers, timeOffset: -range.from, meters: false, fused: o.fused, group: o.group, ...graphOptions });
  setup?.(graph, context);
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
      const t = k * W;
      if (t >= total) return;
      context.suspend(t).then(async () => {
        try {
          // Notes for the coming window were sent one window ago; wait until they are in.
          await graph.delivered();
          if (settled) return;
          scheduler.advance(range.from + t + 2 * W);
          progress(t / total);
          suspendAt(k + 1);
          await context.resume();
        } catch (error) {
          fail(error);
        }
      }, fail);
    };
    graph
      .delivered()
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
