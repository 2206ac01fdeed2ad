import { createStore, type StoreApi } from 'zustand/vanilla';
import { Player } from '@encore/audio-engine/core/player';
import type { LoopWrap, SchedulerLoop } from '@encore/audio-engine/core/scheduler';
import type { WorkletUrls } from '@encore/audio-engine/nodes/worklets';
import type { ProjectSnapshot } from '@encore/shared/project/read/snapshot';
import type { MeterMap } from '@encore/shared/project/meterMap';
import { TempoMap } from '@encore/shared/project/tempoMap';
import { seconds, ticks } from '@encore/shared/units';
import type { EditorState, EditorStore } from '../model/editorStore';
import type { ProjectSession } from '../model/projectSession';
import type { TransportPosition } from '../model/transportClock';
import { AudioBufferCache, type BlobFetcher } from './bufferCache';
import { Metronome } from './metronome';

/** Peak level (dBFS) per channel: left, right. */
export type StereoLevel = readonly [number, number];

export interface StudioAudioState {
  readonly status: 'idle' | 'loading' | 'ready' | 'error';
  readonly error: string | null;
  /** What the engine could not play as the document says (missing audio…). */
  readonly issues: readonly string[];
  /** Meter readings per track id (and the master's id) while playing. */
  readonly levels: Readonly<Record<string, StereoLevel>>;
  /** True during the count-in bar. */
  readonly countingIn: boolean;
}

export interface StudioAudioOptions {
  worklets: WorkletUrls;
  fetcher: BlobFetcher;
  /** The real-time context; one is created (and closed on dispose) when absent. */
  context: AudioContext | null;
  /** Milliseconds between two passes of the transport timer (loop, metronome, meters). */
  interval: number;
  /** Milliseconds a burst of document changes settles before the graph is rebuilt. */
  settle: number;
}

/** Song seconds between Player.play() and the moment its first sample sounds (see Player.play). */
const START_LEAD = 0.05;
const SILENT = -144;

/**
 * Real-time sound of the editor: plays the session's snapshot through the engine's Player on
 * an AudioContext, driven by the editor's transport state, and gives the editor its clock (the
 * context's), so the playhead, bars/beats and time readouts follow what is heard.
 *
 * - Play/stop/seek come in as transport changes in the editor store; the audio start time is
 *   written back into the transport, so the UI clock and the audio agree to the sample.
 * - Loop: the Player's scheduler loops (the loop start's events follow the loop end to the
 *   sample); the timer keeps its loop in step with the document and moves the click track to
 *   the loop start just before each wrap.
 * - Document changes: when only param values moved (faders, pans, sends, device knobs) the
 *   Player reconciles its graph at once, ramping them in place (no rebuild, no lag). Any other
 *   change (tracks, devices, routing, mute/solo, clips, automation, tempo) builds a new Player
 *   once the burst settles, which takes over at the current musical position (the old one is
 *   released as the new one starts).
 * - Metronome with a one-bar count-in, and meter levels for the mixer.
 *
 * @example
 * const audio = new StudioAudio(session, { worklets: WORKLET_URLS, fetcher: fetchBlob });
 * const detach = audio.attach(editorStore);   // editor commands use audio.clock
 * // later
 * detach(); await audio.dispose();
 */
export class StudioAudio {
  readonly store: StoreApi<StudioAudioState>;
  readonly context: AudioContext;
  readonly buffers: AudioBufferCache;
  private readonly o: StudioAudioOptions;
  private readonly ownsContext: boolean;
  private readonly metronome: Metronome;
  private player: Player | null = null;
  private playerSnapshot: ProjectSnapshot | null = null;
  private building: Promise<Player> | null = null;
  private editor: EditorStore | null = null;
  /** The transport state this object wrote last: its own changes are not reacted to. */
  private written: TransportPosition | null = null;
  /** Bumped on every start/stop so a late asynchronous start cannot resurrect a stopped one. */
  private generation = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  private settleTimer: ReturnType<typeof setTimeout> | null = null;
  private offSnapshot: (() => void) | null = null;
  /** Context time - song time of the clicks now scheduled, and the loop wrap they were reset for. */
  private clickOffset = 0;
  private clickWrap: LoopWrap | null = null;
  /** The loop wrap last written into the transport as its new anchor. */
  private anchorWrap: LoopWrap | null = null;
  private disposed = false;

  static getDefaults(): Omit<StudioAudioOptions, 'worklets' | 'fetcher'> {
    return { context: null, interval: 15, settle: 60 };
  }

  constructor(
    readonly session: ProjectSession,
    options: Partial<StudioAudioOptions> & Pick<StudioAudioOptions, 'worklets' | 'fetcher'>,
  ) {
    this.o = { ...StudioAudio.getDefaults(), ...options };
    this.ownsContext = !this.o.context;
    this.context = this.o.context ?? new AudioContext({ latencyHint: 'interactive' });
    this.buffers = new AudioBufferCache(this.o.fetcher);
    this.metronome = new Metronome(this.context);
    this.store = createStore<StudioAudioState>(() => ({ status: 'idle', error: null, issues: [], levels: {}, countingIn: false }));
  }

  /** The transport clock in milliseconds: the audio context's time. */
  readonly clock = (): number => this.context.currentTime * 1000;

  /** Song seconds under the playhead per the engine (negative during a count-in), or null when stopped. */
  get position(): number | null {
    return this.player?.playing ? this.player.position : null;
  }

  /** Follows an editor's transport; returns the function that stops following it. */
  attach(editor: EditorStore): () => void {
    this.editor = editor;
    const offEditor = editor.subscribe((s, prev) => this.onTransport(s, prev));
    this.offSnapshot = this.session.store.subscribe((s, prev) => {
      if (s.snapshot !== prev.snapshot) this.onSnapshot();
    });
    return () => {
      offEditor();
      this.offSnapshot?.();
      this.offSnapshot = null;
      this.halt();
      this.editor = null;
    };
  }

  /** Builds the graph ahead of the first play (decodes audio, loads worklets). */
  prepare(): Promise<Player> {
    return this.playerFor(this.session.store.getState().snapshot);
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.halt();
    this.player?.dispose();
    this.player = null;
    this.metronome.dispose();
    if (this.ownsContext) await this.context.close();
  }

  private onTransport(s: EditorState, prev: EditorState): void {
    if (s.transport === prev.transport || s.transport === this.written) return;
    if (!s.transport.playing) {
      if (prev.transport.playing) this.halt();
      return;
    }
    // Play, or a seek while playing: (re)start at the transport's anchor.
    void this.start(s.transport.anchorTick, !prev.transport.playing);
  }

  private async start(anchorTick: number, withCountIn: boolean): Promise<void> {
    const generation = ++this.generation;
    try {
      if (this.context.state !== 'running') await this.context.resume();
      const player = await this.playerFor(this.session.store.getState().snapshot);
      if (generation !== this.generation || this.disposed) return;
      const { tempoMap, meterMap } = this.session.store.getState();
      const e = this.editor?.getState();
      const countIn = withCountIn && e?.metronome === true && e.countIn ? Metronome.countInLength(tempoMap, meterMap, anchorTick) : 0;
      const from = tempoMap.ticksToSeconds(ticks(anchorTick)) as number;
      player.setLoop(this.loopFor(anchorTick));
      player.play(from - countIn);
      const songStart = this.songStartTime(player, from);
      this.write({ playing: true, anchorTick, startedAt: songStart * 1000 });
      this.resetClicks(tempoMap, meterMap, from, songStart - from);
      if (countIn > 0 && e?.metronome) this.metronome.countIn(tempoMap, meterMap, anchorTick, songStart);
      this.store.setState({ countingIn: countIn > 0 });
      this.startTimer();
    } catch (error) {
      if (generation !== this.generation) return;
      console.error('studio: playback failed', error);
      this.store.setState({ status: 'error', error: error instanceof Error ? error.message : String(error) });
      this.halt();
      const editor = this.editor;
      if (editor) {
        const t = editor.getState().transport;
        this.write({ playing: false, anchorTick: t.anchorTick, startedAt: 0 });
      }
    }
  }

  /** Context time at which song second `from` sounds, read back from the player's clock. */
  private songStartTime(player: Player, from: number): number {
    return this.context.currentTime + (from - player.position);
  }

  private write(t: TransportPosition): void {
    this.written = t;
    this.editor?.setState({ transport: t });
  }

  /** Stops the sound and the timer (the transport state is the editor's business). */
  private halt(): void {
    this.generation++;
    this.player?.stop();
    this.metronome.silence();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.settleTimer = null;
    this.store.setState({ levels: {}, countingIn: false });
  }

  private startTimer(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.onTimer(), this.o.interval);
  }

  private onTimer(): void {
    const player = this.player;
    const editor = this.editor;
    if (!player?.playing || !editor) return;
    const { tempoMap, meterMap } = this.session.store.getState();
    const e = editor.getState();
    const position = player.position;
    if (this.store.getState().countingIn && position >= tempoMap.ticksToSeconds(ticks(e.transport.anchorTick))) this.store.setState({ countingIn: false });

    // The scheduler loops; the UI's playhead wraps by itself (playheadAt), from the same anchor.
    const loop = this.loopFor(e.transport.anchorTick);
    player.setLoop(loop);
    const now = this.context.currentTime;
    const passed = player.lastWrap;
    if (passed && passed !== this.anchorWrap) {
      // Re-anchor the transport at the loop start it jumped to, so the playhead stays right even
      // if the loop is then switched off or moved.
      this.anchorWrap = passed;
      const anchorTick = Math.round(tempoMap.secondsToTicks(seconds(passed.loop.start)) as number);
      this.write({ playing: true, anchorTick, startedAt: passed.at * 1000 });
    }
    const wrap = player.nextWrap;
    // Just before the sound jumps back, the clicks start over from the loop start (at the wrap).
    if (wrap && wrap !== this.clickWrap && now >= wrap.at - (2 * this.o.interval) / 1000) {
      this.resetClicks(tempoMap, meterMap, wrap.loop.start, wrap.offset);
      this.clickWrap = wrap;
    }
    if (e.metronome) {
      const song = now - this.clickOffset;
      // No click past the loop end in this pass: the next pass's come after the reset above.
      this.metronome.advance(Math.min(song + 0.2, loop && song < loop.end ? loop.end : Infinity));
    }
    this.readLevels(player);
  }

  /** The loop the player should make from a transport anchored at `anchorTick` (song seconds), or null. */
  private loopFor(anchorTick: number): SchedulerLoop | null {
    const { snapshot, tempoMap } = this.session.store.getState();
    const loop = snapshot.loop;
    if (!loop.enabled || loop.end <= loop.start || anchorTick >= loop.end) return null;
    return { start: tempoMap.ticksToSeconds(ticks(loop.start)) as number, end: tempoMap.ticksToSeconds(ticks(loop.end)) as number };
  }

  /** Clicks from song second `from`, where context time = song time + `offset`. */
  private resetClicks(tempo: TempoMap, meters: MeterMap, from: number, offset: number): void {
    this.clickOffset = offset;
    this.clickWrap = null;
    this.metronome.reset(tempo, meters, from, (s) => s + offset);
  }

  private readLevels(player: Player): void {
    const levels: Record<string, StereoLevel> = {};
    for (const t of [...player.graph.tracks, player.graph.master]) {
      const l = t.meter?.levels;
      if (!l || l.length === 0) continue;
      levels[t.track.id] = [l[0]?.peakDb ?? SILENT, l[1]?.peakDb ?? l[0]?.peakDb ?? SILENT];
    }
    this.store.setState({ levels });
  }

  /** A player for this snapshot: the current one when it matches, else a new graph. */
  private playerFor(snapshot: ProjectSnapshot): Promise<Player> {
    if (this.player && this.playerSnapshot === snapshot) return Promise.resolve(this.player);
    if (this.reconciled(snapshot)) return Promise.resolve(this.player!);
    if (this.building) return this.building.then((p) => (this.playerSnapshot === snapshot ? p : this.playerFor(this.session.store.getState().snapshot)));
    this.store.setState({ status: 'loading' });
    const building = (async () => {
      const buffers = await this.buffers.buffersFor(snapshot, this.context);
      const next = await Player.create(this.context, snapshot, { worklets: this.o.worklets, buffers });
      const old = this.player;
      this.player = next;
      this.playerSnapshot = snapshot;
      if (old) this.handOver(old, next, snapshot);
      const missing = [...this.buffers.failures.values()].map((m) => `audio not available: ${m}`);
      this.store.setState({ status: 'ready', error: null, issues: [...next.graph.issues, ...missing] });
      return next;
    })();
    this.building = building;
    const done = () => {
      if (this.building === building) this.building = null;
    };
    building.then(done, (e: unknown) => {
      done();
      this.store.setState({ status: 'error', error: e instanceof Error ? e.message : String(e) });
    });
    return building;
  }

  /**
   * The new graph takes over at the musical position the old one is at (in ticks, so a tempo
   * edit keeps the bar and beat). The old player is stopped and released once the new one
   * sounds, so the music does not drop out.
   */
  private handOver(old: Player, next: Player, snapshot: ProjectSnapshot): void {
    if (!old.playing || !this.editor) {
      old.dispose();
      return;
    }
    const oldTempo = new TempoMap(old.graph.snapshot.tempo);
    const newTempo = new TempoMap(snapshot.tempo);
    const tick = oldTempo.secondsToTicks(seconds(Math.max(0, old.position + START_LEAD))) as number;
    const from = newTempo.ticksToSeconds(ticks(tick)) as number;
    next.setLoop(this.loopFor(tick));
    next.play(from);
    const songStart = this.songStartTime(next, from);
    this.write({ playing: true, anchorTick: tick, startedAt: songStart * 1000 });
    const { meterMap } = this.session.store.getState();
    this.resetClicks(newTempo, meterMap, from, songStart - from);
    setTimeout(() => old.dispose(), START_LEAD * 1000);
  }

  /** True when the current player took in `snapshot` in place (no rebuild pending, only param values moved). */
  private reconciled(snapshot: ProjectSnapshot): boolean {
    if (!this.player || this.building || this.settleTimer || !this.player.reconcile(snapshot)) return false;
    this.playerSnapshot = snapshot;
    return true;
  }

  /**
   * A document change: param values move in place at once; anything else rebuilds the graph
   * (debounced) and, while playing, the new one takes over.
   */
  private onSnapshot(): void {
    if (this.reconciled(this.session.store.getState().snapshot)) return;
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => {
      this.settleTimer = null;
      if (this.disposed || !this.player) return;
      this.playerFor(this.session.store.getState().snapshot).catch((e: unknown) => console.error('studio: graph rebuild failed', e));
    }, this.o.settle);
  }
}
