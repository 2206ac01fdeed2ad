import './realtime';
import { DEFAULT_RENDER_OPTIONS, renderOffline } from '@encore/audio-engine/core/renderOffline';
import { planSplit } from '@encore/audio-engine/core/sourceSplit';
import { WORKLET_URLS } from '@encore/audio-engine/worklets/urls';
import { peak } from '@encore/audio-engine/dsp/meter';
import { benchProject, loopBuffer, loopHash } from './project';

export interface BenchCase {
  name: string;
  seconds: number;
  sampleRate: number;
  effects: boolean;
  instruments: boolean;
  audio: boolean;
  /** Fused channel processors (default true). */
  fused?: boolean;
  /** Offline contexts rendering at once (default: the engine's). */
  concurrency?: number;
  /** Source tracks share channel processors (default true). */
  group?: boolean;
}

/** Renders one case in this page and measures it. */
async function run(c: BenchCase) {
  const t0 = performance.now();
  const snapshot = benchProject(c.seconds, c);
  const buffers = new Map(Array.from({ length: 16 }, (_, i) => [loopHash(i), loopBuffer(i, c.sampleRate)] as const));
  const notes = snapshot.tracks.reduce((n, t) => n + t.clips.reduce((m, clip) => m + (clip.kind === 'midi' ? clip.notes.length : 0), 0), 0);
  const clips = snapshot.tracks.reduce((n, t) => n + t.clips.filter((clip) => clip.kind === 'audio').length, 0);
  const concurrency = c.concurrency ?? DEFAULT_RENDER_OPTIONS.concurrency;
  const split = c.fused === false ? null : planSplit(snapshot, concurrency, buffers, c.sampleRate);
  const t1 = performance.now();
  const { mix, issues } = await renderOffline(snapshot, { worklets: WORKLET_URLS, buffers, sampleRate: c.sampleRate, range: { from: 0, to: c.seconds }, limiter: { ceiling: -1 }, ...(c.fused === undefined ? {} : { fused: c.fused }), ...(c.concurrency === undefined ? {} : { concurrency: c.concurrency }), ...(c.group === undefined ? {} : { group: c.group }) });
  const t2 = performance.now();
  const renderSeconds = (t2 - t1) / 1000;
  return {
    case: c.name,
    audioSeconds: c.seconds,
    sampleRate: c.sampleRate,
    tracks: snapshot.tracks.length,
    concurrency,
    workerTracks: split?.workers.map((w) => [...w].join(' ')) ?? [],
    notes,
    audioClips: clips,
    setupMs: Math.round(t1 - t0),
    renderSeconds: +renderSeconds.toFixed(2),
    xRealtime: +(c.seconds / renderSeconds).toFixed(1),
    masterPeak: +peak(mix.getChannelData(0)).toFixed(3),
    issues: issues.length,
  };
}

(window as unknown as { runBench: typeof run }).runBench = run;
document.title = 'ready';
