import type { NormalizationMode } from '@encore/shared/host/media';
import { equalPowerCurves } from './equalPower';
import { playableFrames, type DecodedTrack } from './decodedTrack';
import { normalizationGain, type LoudnessInfo } from './normalization';
import { advance, currentEntry, type Queue } from './queue';
import { crossfadeSeconds, type TransitionTrack } from './transition';

/** What the session knows of a track besides its audio: for transitions and normalisation. */
export interface SessionTrackInfo extends TransitionTrack {
  durationSec: number;
  loudness: LoudnessInfo;
}

export interface SessionSettings {
  crossfadeSec: number;
  normalization: NormalizationMode;
  targetLufs: number;
  /** playbackRate of every source: speed and pitch change together (no time-stretching). */
  speed: number;
}

export interface PlaybackSessionOptions {
  context: BaseAudioContext;
  output: AudioNode;
  load(trackId: string): Promise<DecodedTrack>;
  info(trackId: string): SessionTrackInfo | undefined;
  settings(): SessionSettings;
}

/** One track scheduled on the context clock. */
export interface ScheduledTrack {
  queue: Queue;
  track: DecodedTrack;
  source: AudioBufferSourceNode;
  fade: GainNode;
  norm: GainNode;
  /** Context time at which `offsetSec` of the track sounds. */
  startTime: number;
  offsetSec: number;
  /** Context time at which the track's last real sample has played. */
  endTime: number;
  /** endTime in context frames: kept as a count so long runs add no rounding (whole at speed 1). */
  endFrame: number;
  /** Context time the fade into the next track begins (endTime when gapless). */
  handoverTime: number;
  rate: number;
  normGainDb: number;
}

const CURVE_POINTS = 1024;

/**
 * Schedules queue entries back to back on an AudioContext clock: the shared core of the
 * realtime {@link Player} and of offline renders (tests). Start times are whole frames, each
 * track starting at the exact frame the previous one's real audio ends (decoder padding
 * skipped), so consecutive tracks join with no gap and no click; outside an album run, a
 * crossfade overlaps them with equal-power curves. It plans one track ahead; `promote()`
 * moves on when the context clock passes a handover.
 *
 * @example
 * const s = new PlaybackSession({ context, output: context.destination, load, info, settings });
 * await s.start(queue, 0);
 * await s.planUntil(context.length / context.sampleRate); // offline: schedule the whole render
 */
export class PlaybackSession {
  /** The sounding track first, then at most one planned after it. */
  readonly scheduled: ScheduledTrack[] = [];
  /** Tracks fading out after a handover: still sounding, stopped by `stop()`. */
  private readonly retiring = new Set<ScheduledTrack>();
  private generation = 0;

  constructor(private readonly o: PlaybackSessionOptions) {}

  get current(): ScheduledTrack | null {
    return this.scheduled[0] ?? null;
  }

  /** Plays `queue`'s current entry from `offsetSec` at `when` (default: now), replacing everything. */
  async start(queue: Queue, offsetSec: number, when?: number): Promise<ScheduledTrack | null> {
    this.stop();
    const gen = ++this.generation;
    const entry = currentEntry(queue);
    if (!entry) return null;
    const track = await this.o.load(entry.trackId);
    if (gen !== this.generation) return null;
    const sr = this.o.context.sampleRate;
    const s = this.schedule(queue, track, Math.ceil((when ?? this.o.context.currentTime) * sr), Math.max(0, offsetSec));
    this.scheduled.push(s);
    return s;
  }

  /** Plans the entry after the last scheduled one (loading it now: the prefetch). */
  async planNext(): Promise<ScheduledTrack | null> {
    const last = this.scheduled[this.scheduled.length - 1];
    if (!last) return null;
    const gen = this.generation;
    const next = advance(last.queue, 'auto').queue;
    const entry = next ? currentEntry(next) : null;
    if (!next || !entry) return null;
    const track = await this.o.load(entry.trackId);
    if (gen !== this.generation || this.scheduled[this.scheduled.length - 1] !== last) return null;
    const a = this.o.info(last.track.trackId);
    const b = this.o.info(entry.trackId);
    const sr = this.o.context.sampleRate;
    const wanted = a && b ? crossfadeSeconds(a, b, this.o.settings().crossfadeSec) : 0;
    // The overlap cannot start before now, nor before the outgoing track started.
    const fadeStart = Math.max(last.endTime - wanted, last.startTime, this.o.context.currentTime);
    const xf = Math.max(0, last.endTime - fadeStart);
    const atFrame = xf > 0 ? Math.round(fadeStart * sr) : last.endFrame;
    const at = atFrame / sr;
    const s = this.schedule(next, track, atFrame, 0);
    last.handoverTime = at;
    if (xf > 0) {
      const [out, inn] = equalPowerCurves(CURVE_POINTS);
      last.fade.gain.setValueCurveAtTime(out, at, last.endTime - at);
      s.fade.gain.setValueAtTime(0, 0);
      s.fade.gain.setValueCurveAtTime(inn, at, last.endTime - at);
    }
    this.scheduled.push(s);
    return s;
  }

  /** Offline use: keeps planning until a track starts at or after `time` (or the queue ends). */
  async planUntil(time: number): Promise<void> {
    for (;;) {
      const last = this.scheduled[this.scheduled.length - 1];
      if (!last || last.endTime >= time) return;
      if (!(await this.planNext())) return;
    }
  }

  /**
   * Called on a timer: drops the track whose handover has passed. Returns the new current
   * track when one took over, 'ended' when the last track finished, or null.
   */
  promote(now = this.o.context.currentTime): ScheduledTrack | 'ended' | null {
    const [cur, next] = this.scheduled;
    if (!cur) return null;
    if (next && now >= next.startTime) {
      const old = this.scheduled.shift()!;
      // The outgoing track stops by itself at its end (after the crossfade).
      this.retiring.add(old);
      old.source.onended = () => {
        this.retiring.delete(old);
        this.release(old);
      };
      return next;
    }
    if (!next && now >= cur.endTime) {
      this.stop();
      return 'ended';
    }
    return null;
  }

  /** Replaces what is planned after the current track (the queue changed under it). */
  async replan(queue: Queue): Promise<void> {
    const cur = this.current;
    if (!cur) return;
    const next = this.scheduled[1];
    // A crossfade already under way keeps its partner.
    if (next && this.o.context.currentTime >= next.startTime) return;
    if (next) this.release(this.scheduled.pop()!);
    cur.queue = queue;
    cur.fade.gain.cancelScheduledValues(0);
    cur.fade.gain.setValueAtTime(1, 0);
    cur.handoverTime = cur.endTime;
    await this.planNext();
  }

  /** Position in the current track, in seconds of its content. */
  position(now = this.o.context.currentTime): number {
    const cur = this.current;
    if (!cur) return 0;
    const dur = playableFrames(cur.track) / cur.track.buffer.sampleRate;
    // Before its start (scheduled a few ms ahead) a track sits at its start offset.
    return Math.min(dur, cur.offsetSec + Math.max(0, now - cur.startTime) * cur.rate);
  }

  /** Stops and disconnects every scheduled source. */
  stop(): void {
    this.generation++;
    for (const s of [...this.scheduled.splice(0), ...this.retiring]) this.release(s);
    this.retiring.clear();
  }

  private schedule(queue: Queue, track: DecodedTrack, atFrame: number, offsetSec: number): ScheduledTrack {
    const ctx = this.o.context;
    const at = atFrame / ctx.sampleRate;
    const settings = this.o.settings();
    const info = this.o.info(track.trackId);
    const rate = settings.speed;
    const sr = track.buffer.sampleRate;
    const frames = playableFrames(track);
    const offsetFrames = Math.min(frames, Math.round(offsetSec * sr));
    const source = new AudioBufferSourceNode(ctx, { buffer: track.buffer, playbackRate: rate });
    const fade = new GainNode(ctx, { gain: 1 });
    const norm = normalizationGain(info?.loudness ?? {}, settings.normalization, settings.targetLufs);
    const normNode = new GainNode(ctx, { gain: norm.gain });
    source.connect(fade).connect(normNode).connect(this.o.output);
    const remaining = frames - offsetFrames;
    // Whole frames from the buffer's start: offset and duration land on sample boundaries.
    if (track.trimEnd > 0) source.start(at, (track.trimStart + offsetFrames) / sr, remaining / sr);
    else source.start(at, (track.trimStart + offsetFrames) / sr);
    const endFrame = atFrame + (remaining * ctx.sampleRate) / (sr * rate);
    const endTime = endFrame / ctx.sampleRate;
    return { queue, track, source, fade, norm: normNode, startTime: at, offsetSec: offsetFrames / sr, endTime, endFrame, handoverTime: endTime, rate, normGainDb: norm.gainDb };
  }

  private release(s: ScheduledTrack): void {
    try {
      s.source.stop();
    } catch {
      // Never started (the context was closed first): nothing to stop.
    }
    s.source.disconnect();
    s.fade.disconnect();
    s.norm.disconnect();
  }
}
