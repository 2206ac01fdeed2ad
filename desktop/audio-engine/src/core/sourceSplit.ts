import type { ProjectSnapshot, TrackSnapshot } from '@encore/shared/project/read/snapshot';
import { TempoMap } from '@encore/shared/project/tempoMap';
import { fusedDevice } from '../effects/fused';
import { planMix } from '../headless/mixPlan';
import { voicePoolOf } from '../graph/renderGraph';
import { resolveRouting } from '../graph/routing';
import { trackTimeline, lowerBound, type TrackTimeline } from '../graph/timeline';
import { VoiceEvent } from '../dsp/voices';
import type { SourceChannelJob, SourceJob } from './sourceJob';

/** How a render shares its source tracks out: each worker's tracks, and the summing points their sums go to. */
export interface SplitPlan {
  /** Source tracks per worker (the offline context renders every other track). */
  readonly workers: readonly ReadonlySet<string>[];
  /** The master and every bus, in the order of the worker's output pairs. */
  readonly destinations: readonly string[];
}

/** Estimated render cost of a strip, per second of song (units: roughly one fused device). */
const STRIP_COST = 1;
const DEVICE_COST = 1;
/** Per voice sounding on average (measured on the bench project: a synth track costs ~1.7 audio tracks). */
const VOICE_COST = 1.2;
const CLIP_COST = 0.4;
/** Most decoded audio copied to one worker (its tracks' clips), bytes. */
export const WORKER_AUDIO_BYTES = 512 * 2 ** 20;
/** The context's own work besides source tracks: Web Audio overhead, the feed, the limiter. */
const CONTEXT_COST = 6;

/**
 * Splits the source tracks that a worker can render (fused strips of synth, sampler and audio
 * tracks: no sidechain, every clip's audio decoded at the render's rate) between the offline
 * context and `concurrency - 1` workers, balancing the estimated cost (the context also runs the
 * buses, returns and the master) within `audioBudget` bytes of audio copied per worker. Null when
 * nothing would move to a worker.
 *
 * @example
 * planSplit(snapshot, 2, buffers, 48_000)?.workers.length; // 1
 */
export function planSplit(snapshot: ProjectSnapshot, concurrency: number, buffers: ReadonlyMap<string, AudioBuffer>, sampleRate: number, audioBudget = WORKER_AUDIO_BYTES): SplitPlan | null {
  if (concurrency < 2 || typeof Worker === 'undefined') return null;
  const tempo = new TempoMap(snapshot.tempo);
  const routing = resolveRouting(snapshot);
  const everything = [...snapshot.tracks, ...(snapshot.master ? [snapshot.master] : [])];
  const sidechainSources = new Set(everything.flatMap((t) => t.devices.flatMap((d) => (!d.bypass && d.sidechainTrackId !== null ? [d.sidechainTrackId] : []))));
  const end = Math.max(1, ...snapshot.tracks.map((t) => trackEnd(trackTimeline(t, tempo))));
  const cost = (t: TrackSnapshot, timeline: TrackTimeline) => {
    const devices = t.devices.filter((d) => !d.bypass).length;
    const voices = timeline.notes.reduce((s, n) => s + (n.off - n.on), 0) / end;
    const clips = timeline.clips.reduce((s, c) => s + (c.end - c.start), 0) / end;
    return STRIP_COST + DEVICE_COST * devices + VOICE_COST * voices + CLIP_COST * clips;
  };
  const env = { tempo, tempoPoints: snapshot.tempo, timeOffset: 0, automated: new Set<string>() };
  let local = CONTEXT_COST;
  const movable: { id: string; cost: number; assets: readonly string[] }[] = [];
  for (const t of everything) {
    const timeline = trackTimeline(t, tempo);
    const c = t.kind === 'bus' || t.kind === 'master' ? STRIP_COST + 2 * DEVICE_COST * t.devices.filter((d) => !d.bypass).length : cost(t, timeline);
    if (workerCanRender(t, timeline, sidechainSources, routing.audible.get(t.id) ?? false, env, buffers, sampleRate)) movable.push({ id: t.id, cost: c, assets: [...new Set(timeline.clips.map((s) => s.clip.assetHash))] });
    else local += c;
  }
  if (movable.length === 0) return null;
  const groups = [{ tracks: new Set<string>(), cost: local, assets: new Set<string>(), bytes: 0 }, ...Array.from({ length: concurrency - 1 }, () => ({ tracks: new Set<string>(), cost: 0, assets: new Set<string>(), bytes: 0 }))];
  const bytesOf = (hash: string) => {
    const b = buffers.get(hash);
    return b ? 4 * b.length * b.numberOfChannels : 0;
  };
  for (const m of movable.sort((a, b) => b.cost - a.cost)) {
    let lightest = groups.reduce((a, b) => (b.cost < a.cost ? b : a));
    // A worker gets a copy of the audio its tracks play: past the budget, the track stays on the context.
    const extra = m.assets.reduce((n, h) => n + (lightest.assets.has(h) ? 0 : bytesOf(h)), 0);
    if (lightest !== groups[0] && lightest.bytes + extra > audioBudget) lightest = groups[0]!;
    else lightest.bytes += extra;
    for (const h of m.assets) lightest.assets.add(h);
    lightest.tracks.add(m.id);
    lightest.cost += m.cost;
  }
  const workers = groups.slice(1).filter((g) => g.tracks.size > 0).map((g) => g.tracks);
  if (workers.length === 0) return null;
  const destinations = planMix(snapshot, { sampleRate, tail: 0, solo: null }).destinations;
  // The feed splits 2 channels per summing point (a ChannelSplitterNode has at most 32 outputs).
  if (2 * destinations.length > 32) return null;
  return { workers, destinations };
}

function trackEnd(timeline: TrackTimeline): number {
  let end = 0;
  for (const n of timeline.notes) end = Math.max(end, n.off);
  for (const c of timeline.clips) end = Math.max(end, c.end);
  return end;
}

function workerCanRender(
  t: TrackSnapshot,
  timeline: TrackTimeline,
  sidechainSources: ReadonlySet<string>,
  audible: boolean,
  env: Parameters<typeof fusedDevice>[0],
  buffers: ReadonlyMap<string, AudioBuffer>,
  sampleRate: number,
): boolean {
  if (!audible || sidechainSources.has(t.id)) return false;
  if (t.kind === 'instrument') {
    if (timeline.clips.length > 0 || !voicePoolOf(t, buffers)) return false;
  } else if (t.kind === 'audio') {
    if (timeline.clips.some((c) => buffers.get(c.clip.assetHash)?.sampleRate !== sampleRate)) return false;
  } else return false;
  return t.devices.every((d) => d.bypass || (d.sidechainTrackId === null && fusedDevice(env, d, 3) !== null));
}

/**
 * The job of one worker: its tracks' strips as planMix plans them (the same slots, delays and
 * automation the render graph gives their fused strips), their notes as the scheduler sends
 * them, and the audio their clips play.
 */
export function sourceJob(
  snapshot: ProjectSnapshot,
  tracks: ReadonlySet<string>,
  o: { readonly sampleRate: number; readonly buffers: ReadonlyMap<string, AudioBuffer>; readonly window: number },
  range: { readonly from: number; readonly to: number },
  frames: number,
): SourceJob {
  const sr = o.sampleRate;
  const tempo = new TempoMap(snapshot.tempo);
  const plan = planMix(snapshot, { sampleRate: sr, tail: 0, solo: null });
  const audio = new Map<string, Float32Array[]>();
  const channels: SourceChannelJob[] = [];
  for (const c of plan.channels) {
    if (c.role !== 'source' || !tracks.has(c.id)) continue;
    const timeline = trackTimeline(c.track, tempo);
    const voices = c.track.kind === 'instrument' ? voicePoolOf(c.track, o.buffers) : null;
    for (const span of timeline.clips) {
      const buffer = o.buffers.get(span.clip.assetHash);
      if (buffer && !audio.has(span.clip.assetHash)) audio.set(span.clip.assetHash, Array.from({ length: buffer.numberOfChannels }, (_, k) => buffer.getChannelData(k).slice()));
    }
    channels.push({
      member: { ...c.member, input: voices ? null : 0, voices },
      automation: c.automation,
      notes: voices ? noteEvents(timeline, range.from, o.window, sr) : null,
      clips: voices ? [] : timeline.clips,
    });
  }
  return { sampleRate: sr, startFrame: Math.round(range.from * sr), frames, chunk: Math.max(128, Math.round(o.window * sr)), destinations: plan.destinations.length, ahead: 8, channels, audio };
}

/**
 * A track's voice events exactly as the scheduler (core/scheduler.ts) sends them to a render
 * starting at song time `from` with windows of `window` seconds: notes sounding at `from` chased,
 * then batches [from, from + 2 window), [.., from + 3 window)… each sorted by time (note-ons
 * before note-offs at one time), at frames counted from the song's start.
 */
export function noteEvents(timeline: TrackTimeline, from: number, window: number, sampleRate: number): Float64Array {
  const { notes, offOrder } = timeline;
  const start = Math.round(from * sampleRate);
  const out: number[] = [];
  const push = (batch: { time: number; kind: number; id: number; pitch: number; velocity: number }[]) => {
    batch.sort((a, b) => a.time - b.time);
    for (const e of batch) out.push(Math.round(e.time * sampleRate) + start, e.kind, e.id, e.pitch, e.velocity);
  };
  let on = lowerBound(notes, from, (n) => n.on);
  let off = lowerBound(offOrder, from, (i) => notes[i]!.off);
  const chased = [];
  for (let i = 0; i < on; i++) {
    const n = notes[i]!;
    if (n.off > from) chased.push({ time: 0, kind: VoiceEvent.NoteOn, id: n.id, pitch: n.pitch, velocity: n.velocity });
  }
  push(chased);
  for (let k = 0; on < notes.length || off < offOrder.length; k++) {
    const to = from + (k + 2) * window;
    const batch = [];
    for (; on < notes.length && notes[on]!.on < to; on++) {
      const n = notes[on]!;
      batch.push({ time: n.on - from, kind: VoiceEvent.NoteOn, id: n.id, pitch: n.pitch, velocity: n.velocity });
    }
    for (; off < offOrder.length && notes[offOrder[off]!]!.off < to; off++) {
      const n = notes[offOrder[off]!]!;
      batch.push({ time: n.off - from, kind: VoiceEvent.NoteOff, id: n.id, pitch: n.pitch, velocity: 0 });
    }
    push(batch);
  }
  return Float64Array.from(out);
}
