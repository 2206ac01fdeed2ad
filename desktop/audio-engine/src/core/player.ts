import type { ProjectSnapshot } from '@encore/shared/project/read/snapshot';
import { loadWorklets, type WorkletUrls } from '../nodes/worklets';
import { RenderGraph, type RenderGraphOptions } from '../graph/renderGraph';
import { diffForLive } from '../graph/liveDiff';
import { EngineError } from './errors';
import { Scheduler, type LoopWrap, type SchedulerLoop } from './scheduler';

export interface PlayerOptions {
  worklets: WorkletUrls;
  buffers: ReadonlyMap<string, AudioBuffer>;
  /** Seconds of events kept scheduled ahead of the playhead. */
  lookahead: number;
  /** Milliseconds between two scheduling passes. */
  interval: number;
  meters: boolean;
  limiter: RenderGraphOptions['limiter'];
}

/**
 * Real-time playback of a snapshot on an AudioContext, through the graph and scheduler the
 * offline render uses: a timer keeps `lookahead` seconds of events scheduled ahead of the
 * playhead, so a song of any length costs the same per tick.
 *
 * @example
 * const player = await Player.create(new AudioContext(), snapshot, { worklets: WORKLET_URLS, buffers });
 * player.play(0);
 * // later
 * player.stop(); player.dispose();
 */
export class Player {
  private scheduler: Scheduler;
  private timer: ReturnType<typeof setInterval> | null = null;
  private songAtStart = 0;
  /** Context time - song time at play(), before any loop wrap. */
  private baseOffset = 0;
  private loop: SchedulerLoop | null = null;
  private disposed = false;

  static getDefaults(): Omit<PlayerOptions, 'worklets'> {
    return { buffers: new Map(), lookahead: 0.2, interval: 25, meters: true, limiter: {} };
  }

  /** Loads the worklets on `context` and builds the graph. */
  static async create(context: AudioContext, snapshot: ProjectSnapshot, options: Partial<PlayerOptions> & Pick<PlayerOptions, 'worklets'>): Promise<Player> {
    const o = { ...Player.getDefaults(), ...options };
    await loadWorklets(context, o.worklets);
    return new Player(context, snapshot, o);
  }

  readonly graph: RenderGraph;

  private constructor(
    readonly context: AudioContext,
    snapshot: ProjectSnapshot,
    private readonly o: PlayerOptions,
  ) {
    this.graph = new RenderGraph(context, snapshot, { buffers: o.buffers, meters: o.meters, limiter: o.limiter, timeOffset: 0 });
    this.scheduler = new Scheduler(this.graph);
  }

  /** True between play() and stop(). */
  get playing(): boolean {
    return this.timer !== null;
  }

  /** The song time under the playhead (seconds); inside a loop, it wraps with the sound. */
  get position(): number {
    if (!this.playing) return this.songAtStart;
    const now = this.context.currentTime;
    return now - (this.wrapAt(now)?.offset ?? this.baseOffset);
  }

  /** The latest loop wrap at or before context time `now`, or undefined before the first. */
  private wrapAt(now: number): LoopWrap | undefined {
    this.scheduler.pruneWraps(now);
    const first = this.scheduler.wraps[0];
    return first && first.at <= now ? first : undefined;
  }

  /** The latest jump back to the loop start the sound has made (context time `at`), or null. */
  get lastWrap(): LoopWrap | null {
    return this.playing ? (this.wrapAt(this.context.currentTime) ?? null) : null;
  }

  /**
   * The next jump back to the loop start the sound will make, already scheduled (context time
   * `at`), or null: what a click track following the loop needs.
   */
  get nextWrap(): LoopWrap | null {
    if (!this.playing) return null;
    const now = this.context.currentTime;
    return this.scheduler.wraps.find((w) => w.at > now) ?? null;
  }

  /**
   * Loops from `loop.end` back to `loop.start` (song seconds) while playing, sample-accurately
   * in the scheduler; null plays on. Takes effect from the next scheduling pass (a playhead
   * already past the loop end plays on).
   */
  setLoop(loop: SchedulerLoop | null): void {
    if (loop?.start === this.loop?.start && loop?.end === this.loop?.end) return;
    this.loop = loop;
    this.scheduler.setLoop(loop);
  }

  /** Starts playing from song time `from`. */
  play(from = this.songAtStart): void {
    if (this.disposed) throw new EngineError('DISPOSED', 'the player was disposed');
    if (this.playing) this.stop();
    // Context time = song time + offset: begin a little ahead so the first events are not late.
    const offset = this.context.currentTime + 0.05 - from;
    // Song time s now plays at context time s + offset (events are scheduled with it).
    this.graph.options.timeOffset = offset;
    this.songAtStart = from;
    this.baseOffset = offset;
    this.scheduler = new Scheduler(this.graph);
    this.scheduler.setLoop(this.loop);
    this.scheduler.start(from);
    // Song time under the graph's current offset (past the loop end when a wrap is ahead).
    const tick = () => this.scheduler.advance(this.context.currentTime + this.o.lookahead - this.graph.options.timeOffset);
    tick();
    this.timer = setInterval(tick, this.o.interval);
  }

  /**
   * Takes in a new snapshot of the same project without a new graph when only param values
   * moved (faders, pans, sends, device knobs): they ramp in place, playing or not. Returns
   * false, changing nothing, when `next` needs a new graph (see diffForLive).
   *
   * @example
   * if (!player.reconcile(next)) rebuildAndHandOver(next);
   */
  reconcile(next: ProjectSnapshot): boolean {
    if (this.disposed) return false;
    if (next === this.graph.snapshot) return true;
    const diff = diffForLive(this.graph.snapshot, next);
    return diff !== 'rebuild' && this.graph.applyLive(diff.params, next);
  }

  /** Stops at once; the playhead stays where it stopped. */
  stop(): void {
    if (!this.timer) return;
    this.songAtStart = this.position;
    clearInterval(this.timer);
    this.timer = null;
    this.scheduler.stop(this.context.currentTime);
  }

  /** Stops and releases the graph. The context stays the caller's. */
  dispose(): void {
    if (this.disposed) return;
    this.stop();
    this.graph.dispose();
    this.disposed = true;
  }
}
