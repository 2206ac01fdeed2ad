import type { ProjectSnapshot } from '@encore/shared/project/read/snapshot';
import { loadWorklets, type WorkletUrls } from '../nodes/worklets';
import { RenderGraph, type RenderGraphOptions } from '../graph/renderGraph';
import { EngineError } from './errors';
import { Scheduler } from './scheduler';

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
  private startedAt = 0;
  private songAtStart = 0;
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

  /** The song time under the playhead (seconds). */
  get position(): number {
    return this.playing ? this.songAtStart + (this.context.currentTime - this.startedAt) : this.songAtStart;
  }

  /** Starts playing from song time `from`. */
  play(from = this.songAtStart): void {
    if (this.disposed) throw new EngineError('DISPOSED', 'the player was disposed');
    if (this.playing) this.stop();
    // Context time = song time + offset: begin a little ahead so the first events are not late.
    const offset = this.context.currentTime + 0.05 - from;
    // Song time s now plays at context time s + offset (events are scheduled with it).
    this.graph.options.timeOffset = offset;
    this.startedAt = from + offset;
    this.songAtStart = from;
    this.scheduler = new Scheduler(this.graph);
    this.scheduler.start(from);
    const tick = () => this.scheduler.advance(this.position + this.o.lookahead);
    tick();
    this.timer = setInterval(tick, this.o.interval);
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
