import type { ProjectSnapshot } from '@encore/shared/project/read/snapshot';
import { TempoMap } from '@encore/shared/project/tempoMap';
import { LimiterNode, type LimiterNodeOptions } from '../nodes/LimiterNode';
import { loadWorklets, type WorkletUrls } from '../nodes/worklets';
import { RenderGraph } from '../graph/renderGraph';
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
  /** Seconds of audio per scheduling window. */
  window: number;
  /** Renders run side by side on this many offline contexts (each has its own render thread). */
  concurrency: number;
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
  window: 0.2,
  concurrency: 2,
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

async function renderOnce(
  snapshot: ProjectSnapshot,
  o: RenderOptions,
  range: { from: number; to: number },
  solo: readonly string[] | null,
  progress: (fraction: number) => void,
): Promise<{ buffer: AudioBuffer; issues: readonly string[] }> {
  const { sampleRate, window: W, signal } = o;
  const frames = Math.round((range.to - range.from) * sampleRate);
  const latency = o.limiter === false ? 0 : Math.max(1, Math.round((o.limiter.lookahead ?? LimiterNode.getDefaults().lookahead) * sampleRate));
  const context = new OfflineAudioContext({ numberOfChannels: o.channels, length: frames + latency, sampleRate });
  await loadWorklets(context, o.worklets);
  if (signal?.aborted) throw abortError();
  const graph = new RenderGraph(context, snapshot, { buffers: o.buffers, timeOffset: -range.from, limiter: o.limiter, meters: false, solo });
  const scheduler = new Scheduler(graph);
  scheduler.start(range.from);
  scheduler.advance(range.from + 2 * W);
  const total = (frames + latency) / sampleRate;

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
        const out = new AudioBuffer({ length: frames, numberOfChannels: o.channels, sampleRate });
        for (let c = 0; c < o.channels; c++) out.copyToChannel(rendered.getChannelData(c).subarray(latency, latency + frames), c);
        const issues = [...graph.issues];
        graph.dispose();
        progress(1);
        resolve({ buffer: out, issues });
      }, fail);
  });
}
