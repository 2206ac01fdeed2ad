import { playableFrames } from './decodedTrack';
import { currentEntry, type Queue } from './queue';
import { PlaybackSession, type SessionSettings, type SessionTrackInfo } from './PlaybackSession';
import type { TrackLoader } from './trackLoader';

export interface PlayerOptions {
  context: AudioContext;
  loader: TrackLoader;
  info(trackId: string): SessionTrackInfo | undefined;
  settings(): SessionSettings;
  /** A new entry became current by itself (gapless or crossfade handover). */
  onAdvance(queue: Queue): void;
  /** The queue ran out (repeat off). */
  onEnded(): void;
  onError(error: unknown, trackId: string | null): void;
  /** How often the handover check runs; prefetching happens as soon as a track starts. */
  tickMs?: number;
}

/**
 * The realtime player: a {@link PlaybackSession} on an AudioContext, a master gain for the
 * volume, and a timer that hands over to the next planned track. Pausing suspends the
 * context, so everything already scheduled keeps its sample-exact place.
 *
 * @example
 * const player = new Player({ context: new AudioContext(), loader, info, settings, onAdvance, onEnded, onError });
 * await player.play(queue, 0);
 * player.setVolume(0.5);
 */
export class Player {
  private readonly session: PlaybackSession;
  private readonly master: GainNode;
  private readonly timer: ReturnType<typeof setInterval>;
  private paused = true;
  private disposed = false;

  constructor(private readonly o: PlayerOptions) {
    this.master = new GainNode(o.context, { gain: 1 });
    this.master.connect(o.context.destination);
    this.session = new PlaybackSession({ context: o.context, output: this.master, load: (id) => o.loader.load(id), info: o.info, settings: o.settings });
    this.timer = setInterval(() => this.tick(), o.tickMs ?? 100);
  }

  get isPlaying(): boolean {
    return !this.paused && this.session.current !== null;
  }

  /** Starts the queue's current entry at `offsetSec` and prefetches the one after. */
  async play(queue: Queue, offsetSec = 0): Promise<void> {
    const id = currentEntry(queue)?.trackId ?? null;
    try {
      if (this.o.context.state !== 'running') await this.o.context.resume();
      this.paused = false;
      const started = await this.session.start(queue, offsetSec, this.o.context.currentTime + 0.05);
      if (started) await this.session.planNext();
    } catch (e) {
      this.o.onError(e, id);
    }
  }

  async pause(): Promise<void> {
    this.paused = true;
    if (this.o.context.state === 'running') await this.o.context.suspend();
  }

  async resume(): Promise<void> {
    if (!this.session.current) return;
    this.paused = false;
    await this.o.context.resume();
  }

  /** Seeks in the current track (re-schedules it and what follows). */
  async seek(offsetSec: number): Promise<void> {
    const cur = this.session.current;
    if (!cur) return;
    const wasPaused = this.paused;
    await this.play(cur.queue, offsetSec);
    if (wasPaused) await this.pause();
  }

  /** The queue changed (edited, shuffled): the next track is planned again. */
  async queueChanged(queue: Queue): Promise<void> {
    try {
      await this.session.replan(queue);
    } catch (e) {
      this.o.onError(e, null);
    }
  }

  /** Playback speed changes pitch too (playbackRate resamples; there is no time-stretching). */
  async speedChanged(): Promise<void> {
    if (this.session.current) await this.seek(this.position());
  }

  setVolume(volume: number): void {
    // A perceptual curve: the slider's middle is about -12 dB, not -6.
    const g = Math.max(0, Math.min(1, volume)) ** 2;
    this.master.gain.setTargetAtTime(g, this.o.context.currentTime, 0.01);
  }

  position(): number {
    return this.session.position();
  }

  duration(): number {
    const cur = this.session.current;
    return cur ? playableFrames(cur.track) / cur.track.buffer.sampleRate : 0;
  }

  /** Gain applied by loudness normalisation to the current track, in dB. */
  normalizationDb(): number {
    return this.session.current?.normGainDb ?? 0;
  }

  stop(): void {
    this.session.stop();
    this.paused = true;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearInterval(this.timer);
    this.session.stop();
    this.master.disconnect();
    this.o.loader.clear();
  }

  private tick(): void {
    if (this.paused) return;
    const r = this.session.promote();
    if (r === 'ended') {
      this.paused = true;
      this.o.onEnded();
    } else if (r) {
      this.o.onAdvance(r.queue);
      this.session.planNext().catch((e: unknown) => this.o.onError(e, null));
    }
  }
}
