import type { ProjectSnapshot } from '@encore/shared/project/read/snapshot';
import { TempoMap } from '@encore/shared/project/tempoMap';
import { abortError, EngineError } from '../core/errors';
import { createLimiter, limiterLatency, processLimiter, type LimiterOptions, type LimiterState } from '../dsp/limiter';
import { trackTimeline } from '../graph/timeline';
import { GmReverbTap } from '../instruments/gmReverb';
import type { SoundBank } from '../instruments/gmSynth';
import { HeadlessMixer, MIX_BLOCK } from './mixer';
import { planMix, type MixPlan } from './mixPlan';
import { canShareReverb } from './sharedReverb';
import { ClipTrackSource, GmTrackSource, type DecodedAudio, type SourceRenderer } from './sources';

/**
 * The headless render of a whole project, without Web Audio: what the app's offline render
 * plays (instrument tracks on their General MIDI soundfont synths, audio clips with trim, fades,
 * gain and reverse, each strip's devices, fader, pan, pre/post sends, buses and returns,
 * automation, plugin delay compensation, the master and its true-peak safety limiter), computed
 * by the same block code as the app's fused channel worklet. Runs in Node and workers.
 */

export interface ProjectRenderOptions {
  sampleRate: number;
  /** Seconds rendered after the last note or clip (releases, reverb). */
  tail: number;
  /** The master safety limiter, or false for none. */
  limiter: Partial<LimiterOptions> | false;
  /** Solo these track ids instead of the document's solos (a stem). */
  solo: readonly string[] | null;
  /** Song seconds to stop at (a selection's end), or null for the song's end plus `tail`. */
  until: number | null;
  /** Share one GM reverb between soundfont tracks with fixed strips (sharedReverb.ts); false runs one per track, as the app does. */
  shareReverb: boolean;
  /** Apply fixed, linear strips (no devices or automation) as their gains rather than through the fused channel code (mixer.ts); false runs every strip's full code. */
  foldStrips: boolean;
  /** Receives the result range by range as it becomes final, or null. */
  sink: RenderSink | null;
  onProgress: ((fraction: number) => void) | null;
  signal: AbortSignal | null;
}

export interface ProjectRender {
  readonly sampleRate: number;
  readonly channels: readonly [Float32Array, Float32Array];
  readonly seconds: number;
  /** One line per thing the render could not do as the document says. */
  readonly issues: readonly string[];
  /** Source tracks that sound, and the notes they play. */
  readonly tracks: number;
  readonly notes: number;
  /** Sample peak of the mix before the limiter, linear. */
  readonly peak: number;
  /** Whether the limiter reduced the gain anywhere. */
  readonly limited: boolean;
}

export const DEFAULT_PROJECT_RENDER: ProjectRenderOptions = { sampleRate: 44_100, tail: 2, limiter: {}, solo: null, until: null, shareReverb: true, foldStrips: true, sink: null, onProgress: null, signal: null };

/** What a render reads besides the document: the soundfont (null when no track needs one) and decoded assets by hash. */
export interface RenderAssets {
  readonly bank: SoundBank | null;
  readonly audio: ReadonlyMap<string, DecodedAudio>;
}

/**
 * @example
 * const { channels, issues } = await renderProject(readProject(doc), { bank, audio }, { sampleRate: 48_000 });
 */
export async function renderProject(snapshot: ProjectSnapshot, assets: RenderAssets, options: Partial<ProjectRenderOptions> = {}): Promise<ProjectRender> {
  const o = checkOptions(options);
  const plan = planMix(snapshot, { sampleRate: o.sampleRate, tail: o.tail, solo: o.solo, until: o.until });
  const issues = [...plan.issues];
  const sources = await createSources(plan, snapshot, assets, 'all', issues, o.shareReverb);
  const mixer = new HeadlessMixer(plan, sources.renderers, { sources: 'all', mix: true, foldStrips: o.foldStrips }, sources.taps);
  const limiterFrames = o.limiter === false ? 0 : limiterLatency(createLimiter(o.limiter, o.sampleRate, 2));
  const total = renderedFrames(plan, limiterFrames);
  const left = new Float32Array(total);
  const right = new Float32Array(total);
  try {
    await stepRange(total, o, (f) => {
      mixer.step(f, null);
      left.set(mixer.out[0]!, f);
      right.set(mixer.out[1]!, f);
    });
  } finally {
    mixer.dispose();
  }
  const done = new MasterFinish(plan, [left, right], o.limiter, o.sink);
  done.push(0, total);
  o.onProgress?.(1);
  return { sampleRate: o.sampleRate, channels: done.channels, seconds: plan.frames / o.sampleRate, issues: [...new Set(issues)], tracks: sources.tracks, notes: sources.notes, peak: done.peak, limited: done.limited };
}

export function checkOptions(options: Partial<ProjectRenderOptions>): ProjectRenderOptions {
  const o = { ...DEFAULT_PROJECT_RENDER, ...options };
  if (!(o.sampleRate >= 8000 && o.sampleRate <= 192_000) || !(o.tail >= 0) || (o.until !== null && !(o.until > 0))) throw new EngineError('BAD_OPTIONS', 'render options: sampleRate 8000-192000, tail >= 0, until > 0 or null');
  if (o.signal?.aborted) throw abortError();
  return o;
}

/** Frames the mixer must run for the output to hold `plan.frames` after the latencies, whole blocks. */
export function renderedFrames(plan: MixPlan, limiterFrames: number): number {
  return Math.ceil((plan.frames + plan.latency + limiterFrames) / MIX_BLOCK) * MIX_BLOCK;
}

/** Calls `step` for every block up to `total`, reporting progress and honouring the abort signal every few seconds of audio. */
export async function stepRange(total: number, o: Pick<ProjectRenderOptions, 'sampleRate' | 'onProgress' | 'signal'>, step: (frame: number) => void): Promise<void> {
  const every = Math.ceil((o.sampleRate * 5) / MIX_BLOCK) * MIX_BLOCK;
  for (let f = 0; f < total; f += MIX_BLOCK) {
    step(f);
    if ((f + MIX_BLOCK) % every === 0) {
      o.onProgress?.((f + MIX_BLOCK) / total);
      if (o.signal?.aborted) throw abortError();
      // Let the event loop breathe (abort signals, progress output) on long renders.
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
    }
  }
}

/**
 * The source renderers of the tracks in `ids` that sound: a GmTrackSource per instrument track
 * (synth and sampler tracks play the nearest GM program, and say so), a ClipTrackSource per audio
 * track. Soundfont tracks with a fixed, linear strip send their GM reverb to a tap for the shared
 * reverb (sharedReverb.ts). Also counts what plays.
 */
export async function createSources(
  plan: MixPlan,
  snapshot: ProjectSnapshot,
  assets: RenderAssets,
  ids: 'all' | ReadonlySet<string>,
  issues: string[],
  shareReverb = true,
): Promise<{ renderers: Map<string, SourceRenderer>; taps: Map<string, GmReverbTap>; tracks: number; notes: number }> {
  const tempo = new TempoMap(snapshot.tempo);
  const renderers = new Map<string, SourceRenderer>();
  const taps = new Map<string, GmReverbTap>();
  let tracks = 0;
  let notes = 0;
  for (const c of plan.channels) {
    if (c.role !== 'source' || !c.audible || (ids !== 'all' && !ids.has(c.id))) continue;
    const track = c.track;
    const timeline = trackTimeline(track, tempo);
    if (track.kind === 'instrument') {
      if (timeline.notes.length === 0) continue;
      if (!assets.bank) throw new EngineError('BAD_OPTIONS', `${track.name}: instrument tracks need a General MIDI soundfont`, { details: { reason: 'missing-soundfont' } });
      if (track.instrument?.kind === 'synth' || track.instrument?.kind === 'sampler') {
        issues.push(`${track.name}: the ${track.instrument.kind} plays as a General MIDI soundfont instrument in headless renders`);
      }
      const tap = shareReverb && canShareReverb(c) ? new GmReverbTap(MIX_BLOCK) : null;
      if (tap) taps.set(c.id, tap);
      renderers.set(c.id, await GmTrackSource.create(assets.bank, track, timeline, plan.sampleRate, tap));
      notes += timeline.notes.length;
    } else {
      if (timeline.clips.length === 0) continue;
      renderers.set(c.id, new ClipTrackSource(track, timeline, assets.audio, plan.sampleRate, issues));
    }
    tracks++;
  }
  return { renderers, taps, tracks, notes };
}

/** Where finished frames go as soon as they are final (an encoder writing the file meanwhile). */
export interface RenderSink {
  /** Called once, before any write, with the length of the result. */
  start(frames: number): void;
  /** Frames [from, to) of `channels` (the whole result's planes) are final. */
  write(channels: readonly [Float32Array, Float32Array], from: number, to: number): void;
}

/**
 * The end of the chain after the master channel: its safety limiter, run on the mix out range by
 * range (in place), the peak before it, and the latencies trimmed: frame 0 of `channels` is song
 * time 0. Frames become final (and go to the sink) as soon as the limiter has passed them.
 */
export class MasterFinish {
  /** Frames of the mix out before song time 0 (device compensation and the limiter's look-ahead). */
  readonly latency: number;
  readonly channels: [Float32Array, Float32Array];
  peak = 0;
  limited = false;
  private readonly limiter: LimiterState | null;

  constructor(
    private readonly plan: MixPlan,
    private readonly mix: readonly [Float32Array, Float32Array],
    limiter: Partial<LimiterOptions> | false,
    private readonly sink: RenderSink | null,
  ) {
    this.limiter = limiter === false ? null : createLimiter(limiter, plan.sampleRate, 2);
    this.latency = plan.latency + (this.limiter ? limiterLatency(this.limiter) : 0);
    this.channels = [mix[0].subarray(this.latency, this.latency + plan.frames), mix[1].subarray(this.latency, this.latency + plan.frames)];
    sink?.start(plan.frames);
  }

  /** Finishes mix-out frames [from, to), which the mixer has just written. */
  push(from: number, to: number): void {
    const CHUNK = 8192;
    for (let s = from; s < to; s += CHUNK) {
      const e = Math.min(to, s + CHUNK);
      const l = this.mix[0].subarray(s, e);
      const r = this.mix[1].subarray(s, e);
      for (const x of [l, r]) {
        for (let i = 0; i < x.length; i++) {
          const a = Math.abs(x[i]!);
          if (a > this.peak) this.peak = a;
        }
      }
      if (this.limiter) {
        processLimiter(this.limiter, [l, r], [l, r]);
        // The limiter counts frames at rest (unity gain): fewer than the chunk means it acted.
        if (this.limiter.rest < e - s) this.limited = true;
      }
    }
    const a = Math.max(0, from - this.latency);
    const b = Math.min(this.plan.frames, to - this.latency);
    if (b > a) this.sink?.write(this.channels, a, b);
  }
}
