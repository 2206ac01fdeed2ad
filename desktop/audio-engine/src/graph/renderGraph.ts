import { TempoMap } from '@encore/shared/project/tempoMap';
import type { ProjectSnapshot, TrackSnapshot } from '@encore/shared/project/read/snapshot';
import { createDevice } from '../effects/createDevice';
import { dbGain, type DeviceEnv, type DeviceNode, type ParamTarget } from '../effects/device';
import { LimiterNode, type LimiterNodeOptions } from '../nodes/LimiterNode';
import { MeterNode } from '../nodes/MeterNode';
import { VoiceBankNode } from '../nodes/VoiceBankNode';
import type { VoicePoolOptions } from '../dsp/voices';
import { createRegisteredInstrument, type InstrumentNode } from '../instruments/registry';
import type { ParamLike } from '../nodes/ChannelNode';
import { hasWorklet } from '../nodes/worklets';
import { laneEvents, type ParamEvent } from './automation';
import type { ParamChange } from './liveDiff';
import { ChannelGroup, GROUP_SIZE, type GroupEntry } from './channelGroup';
import { ChannelStrip, type ChannelStripOptions } from './channelStrip';
import { FusedChannelStrip } from './fusedStrip';
import { computeLatencies, edgeDelay, MASTER_ID, type Latencies } from './latency';
import { resolveRouting, type Routing } from './routing';
import { trackTimeline, type TrackTimeline } from './timeline';

export interface RenderGraphOptions {
  /** Decoded audio by asset hash (the caller decodes; the engine never reads files). */
  buffers: ReadonlyMap<string, AudioBuffer>;
  /** Where the master goes; the context's destination by default. */
  destination: AudioNode | null;
  /** Context time = song time + timeOffset. */
  timeOffset: number;
  /** The safety limiter after the master channel, or false for none. */
  limiter: Partial<LimiterNodeOptions> | false;
  /** A meter on every channel and the master (realtime UI); off for bounces. */
  meters: boolean;
  /** Solo these track ids instead of the document's solos (stem export). */
  solo: readonly string[] | null;
  /**
   * Build each channel whose devices all have a fused form as one channel processor (when the
   * context has the channel worklet); false builds every channel from native nodes (the
   * reference graph).
   */
  fused: boolean;
  /** Build only part of the project, for a render split across contexts (see {@link RenderPart}). */
  part: RenderPart | null;
  /**
   * Put the fused source tracks (not buses, not sidechain sources) together in shared channel
   * processors ({@link ChannelGroup}), for offline renders: per-track outputs then do not exist,
   * so it is ignored when `meters` is on.
   */
  group: boolean;
}

/**
 * The voice pool of a synth track, or of a sampler track whose sample is decoded; null for any
 * other instrument (or a sampler without its sample).
 *
 * @example
 * voicePoolOf(track, buffers)?.voices; // 8
 */
export function voicePoolOf(track: TrackSnapshot, buffers: ReadonlyMap<string, AudioBuffer>): VoicePoolOptions | null {
  const instrument = track.instrument;
  const defaults = VoiceBankNode.getDefaults();
  if (instrument?.kind === 'synth') return { ...defaults, waveform: instrument.waveform, voices: instrument.voices };
  if (instrument?.kind !== 'sampler') return null;
  const buffer = instrument.assetHash === null ? undefined : buffers.get(instrument.assetHash);
  if (!buffer) return null;
  const data = buffer.getChannelData(0).slice();
  return { ...defaults, voices: 16, sample: { data, sampleRate: buffer.sampleRate, rootPitch: instrument.rootPitch }, release: 0.1, sustain: 1, gain: 1 };
}

/** What the scheduler drives on an instrument track: a voice bank, a soundfont node, or voices inside the channel processor. */
export type TrackInstrument = Pick<InstrumentNode, 'send' | 'delivered' | 'clear' | 'dispose'>;

/** Where an instrument track's notes become sound: its own node, or a voice pool the strip may host. */
type InstrumentSource = { readonly kind: 'node'; readonly node: InstrumentNode } | { readonly kind: 'voices'; readonly options: VoicePoolOptions };

/**
 * A part of a split render (core/sourceSplit.ts): every channel except these source tracks,
 * whose sums others render and feed in through {@link RenderGraph.inputOf}.
 */
export interface RenderPart {
  readonly kind: 'mix';
  readonly sources: ReadonlySet<string>;
}

/** One automated AudioParam and its events in song time. */
export interface AutomationBinding {
  readonly param: ParamLike;
  readonly events: readonly ParamEvent[];
}

/** Seconds a live param change ramps over (short enough to feel immediate, long enough not to click). */
export const LIVE_RAMP = 0.008;

/**
 * Device params with an AudioParam that still shape what else was built: the chorus sweep is
 * depth % of the base delay it was built with; a synced delay's steps at tempo changes carry
 * the beats it was built with.
 */
const STRUCTURAL_PARAMS: Partial<Record<TrackSnapshot['devices'][number]['kind'], readonly string[]>> = { chorus: ['delay'], delay: ['beats', 'sync'] };

export interface TrackGraph {
  readonly track: TrackSnapshot;
  readonly strip: ChannelStrip | FusedChannelStrip;
  readonly instrument: TrackInstrument | null;
  readonly timeline: TrackTimeline;
  readonly audible: boolean;
  readonly automation: readonly AutomationBinding[];
  readonly meter: TrackMeter | null;
}

/** A channel's meter: a MeterNode on its output, or the one inside its fused processor. */
export type TrackMeter = Pick<MeterNode, 'levels' | 'dispose'>;

/**
 * The audio graph of a project snapshot on one context: a channel strip per track, buses and
 * returns, the master with its safety limiter, and everything the scheduler needs (timelines,
 * voice banks, automation bindings). It plays nothing by itself: a {@link Scheduler} feeds it.
 * Worklets must be loaded on the context first (loadWorklets).
 *
 * @example
 * await loadWorklets(context, WORKLET_URLS);
 * const graph = new RenderGraph(context, snapshot, { buffers });
 * new Scheduler(graph).start(0);
 */
export class RenderGraph {
  readonly tempo: TempoMap;
  readonly tracks: readonly TrackGraph[];
  readonly master: TrackGraph;
  readonly limiter: LimiterNode | null;
  /** Frames the master output lags the timeline by (compensated device latency and the limiter's look-ahead). */
  readonly latency: number;
  readonly latencies: Latencies;
  readonly issues: string[] = [];
  readonly options: RenderGraphOptions;
  private current: ProjectSnapshot;
  /** Level params of each track's connected sends, by send id (what a live send change moves). */
  private readonly sendTargets = new Map<string, Map<string, ParamTarget>>();
  private readonly fused: boolean;
  /** Nodes the graph adds between channels (compensation delays, part collectors). */
  private readonly links: AudioNode[] = [];
  private readonly inputs = new Map<string, AudioNode>();
  private readonly groups: ChannelGroup[] = [];
  private readonly sources = new Map<string, InstrumentSource>();
  private disposed = false;

  static getDefaults(): RenderGraphOptions {
    return { buffers: new Map(), destination: null, timeOffset: 0, limiter: {}, meters: false, solo: null, fused: true, part: null, group: false };
  }

  /**
   * Frames the master output of `snapshot` lags its timeline by at `sampleRate`: the device
   * latency after compensation plus the safety limiter's look-ahead.
   *
   * @example
   * const latency = RenderGraph.latencyOf(snapshot, 48_000, {});
   */
  static latencyOf(snapshot: ProjectSnapshot, sampleRate: number, limiter: Partial<LimiterNodeOptions> | false): number {
    const devices = computeLatencies(snapshot, resolveRouting(snapshot), sampleRate).master;
    return devices + (limiter === false ? 0 : Math.max(1, Math.round((limiter.lookahead ?? LimiterNode.getDefaults().lookahead) * sampleRate)));
  }

  constructor(
    readonly context: BaseAudioContext,
    snapshot: ProjectSnapshot,
    options: Partial<RenderGraphOptions> = {},
  ) {
    this.current = snapshot;
    const o = (this.options = { ...RenderGraph.getDefaults(), ...options });
    this.tempo = new TempoMap(snapshot.tempo);
    this.fused = o.fused && hasWorklet(context, 'channel');
    const routing = resolveRouting(snapshot, o.solo ?? undefined);
    this.issues.push(...routing.issues);
    const lat = (this.latencies = computeLatencies(snapshot, routing, context.sampleRate));
    const destination = o.destination ?? context.destination;
    const part = o.part;

    const master = snapshot.master ?? this.defaultMaster();
    this.master = this.buildTrack(master, true, [], this.fused);
    this.limiter = o.limiter === false ? null : new LimiterNode(context, o.limiter);
    if (this.limiter) this.master.strip.output.connect(this.limiter.input).connect(destination);
    else this.master.strip.output.connect(destination);
    this.latency = lat.master + (this.limiter?.latency ?? 0);
    this.inputs.set(MASTER_ID, this.master.strip.input);

    const built = snapshot.tracks.filter((t) => !part?.sources.has(t.id));
    const grouped = this.fused && o.group && !o.meters ? this.buildGroups(built, routing) : new Map<string, FusedChannelStrip>();
    const tracks = built.map((t) => {
      const sends = routing.sends.get(t.id) ?? [];
      const delays = this.edges(t, routing).map((to) => edgeDelay(lat, t.id, to));
      return this.buildTrack(t, routing.audible.get(t.id) ?? false, sends, this.fused, delays, grouped.get(t.id));
    });
    const byId = new Map(tracks.map((t) => [t.track.id, t]));
    for (const t of tracks) if (t.track.kind === 'bus') this.inputs.set(t.track.id, t.strip.input);
    for (const t of tracks) this.connectTrack(t, routing, byId);
    for (const g of this.groups) g.connect((id) => this.inputs.get(id) ?? byId.get(id)?.strip.input ?? null);
    for (const t of [...tracks, this.master]) this.connectSidechains(t, byId);
    this.tracks = tracks;
  }

  /** Channel ids a track's edges go to: its output, then each send's target. */
  private edges(t: TrackSnapshot, routing: Routing): string[] {
    return [routing.output.get(t.id) ?? MASTER_ID, ...(routing.sends.get(t.id) ?? []).map((s) => s.targetTrackId)];
  }

  /**
   * Strips of the source tracks that can share channel processors (fused, not a bus, not a
   * sidechain source: those need outputs of their own), built into groups of GROUP_SIZE.
   */
  private buildGroups(built: readonly TrackSnapshot[], routing: Routing): Map<string, FusedChannelStrip> {
    const snapshot = this.snapshot;
    const sidechainSources = new Set(
      [...snapshot.tracks, ...(snapshot.master ? [snapshot.master] : [])].flatMap((t) => t.devices.flatMap((d) => (!d.bypass && d.sidechainTrackId !== null ? [d.sidechainTrackId] : []))),
    );
    const entries: { id: string; entry: GroupEntry }[] = [];
    for (const t of built) {
      if (t.kind === 'bus' || t.kind === 'master' || sidechainSources.has(t.id)) continue;
      const edges = this.edges(t, routing);
      const delays = edges.map((to) => edgeDelay(this.latencies, t.id, to));
      const source = t.kind === 'instrument' ? this.instrumentSource(t) : null;
      const voices = source?.kind === 'voices' ? source.options : null;
      const plan = FusedChannelStrip.plan(this.deviceEnv(t), t.devices.filter((d) => !d.bypass), this.stripOptions(t, routing.audible.get(t.id) ?? false), routing.sends.get(t.id) ?? [], delays, voices);
      if (!plan) continue;
      entries.push({ id: t.id, entry: { plan, edges, needsInput: !voices || t.clips.some((c) => c.kind === 'audio') } });
    }
    const strips = new Map<string, FusedChannelStrip>();
    for (let k = 0; k < entries.length; k += GROUP_SIZE) {
      const chunk = entries.slice(k, k + GROUP_SIZE);
      const group = new ChannelGroup(this.context, chunk.map((e) => e.entry));
      this.groups.push(group);
      chunk.forEach((e, i) => strips.set(e.id, group.strips[i]!));
    }
    return strips;
  }

  /** Where the signal meant for channel `id` (a bus id, or `MASTER_ID`) goes in; null when it is not in this graph. */
  inputOf(id: string): AudioNode | null {
    return this.inputs.get(id) ?? null;
  }

  private connectTrack(t: TrackGraph, routing: Routing, byId: ReadonlyMap<string, TrackGraph>): void {
    const id = t.track.id;
    // A fused strip compensates inside its processor; a node strip through a DelayNode.
    const fused = t.strip instanceof FusedChannelStrip;
    const into = (target: string) => {
      const node = this.inputs.get(target) ?? byId.get(target)?.strip.input ?? null;
      return fused ? node : this.delayed(node, edgeDelay(this.latencies, id, target));
    };
    const grouped = fused && t.strip.grouped;
    const out = grouped ? null : into(routing.output.get(id) ?? MASTER_ID);
    if (out) t.strip.output.connect(out);
    (routing.sends.get(id) ?? []).forEach((send, k) => {
      // A grouped strip's sends are connected by its group; their levels still take automation.
      const target = grouped ? null : into(send.targetTrackId);
      let param: ParamLike;
      if (t.strip instanceof FusedChannelStrip) {
        if (!target && !grouped) return;
        if (target) t.strip.connectSend(k, target);
        param = t.strip.sendParams[k]!.param;
      } else {
        if (!target) return;
        param = t.strip.addSend(target, send.levelDb, send.pre).gain;
      }
      const sends = this.sendTargets.get(id) ?? new Map<string, ParamTarget>();
      this.sendTargets.set(id, sends.set(send.id, { param, mapping: dbGain }));
      const lane = t.track.automation.find((l) => l.enabled && l.target.kind === 'send' && l.target.sendId === send.id);
      if (lane) (t.automation as AutomationBinding[]).push({ param, events: laneEvents(lane, this.tempo, dbGain) });
    });
  }

  /** `target`, behind a compensation delay of `frames` when there is one. */
  private delayed(target: AudioNode | null, frames: number): AudioNode | null {
    if (!target || frames <= 0) return target;
    const seconds = frames / this.context.sampleRate;
    const delay = new DelayNode(this.context, { maxDelayTime: seconds + 1 / this.context.sampleRate, delayTime: seconds });
    delay.connect(target);
    this.links.push(delay);
    return delay;
  }

  private defaultMaster(): TrackSnapshot {
    this.issues.push('the project has no master track: a unity master is used');
    return {
      id: 'master', kind: 'master', name: 'Master', order: 'a0', color: '#000000', volumeDb: 0 as TrackSnapshot['volumeDb'], pan: 0, mute: false, solo: false,
      arm: false, phaseInvert: false, output: null, instrument: null, activeTakeId: null, devices: [], sends: [], automation: [], clips: [], takes: [],
    };
  }

  private deviceEnv(track: TrackSnapshot): (deviceId: string) => DeviceEnv {
    return (deviceId) => ({
      context: this.context,
      tempo: this.tempo,
      tempoPoints: this.snapshot.tempo,
      timeOffset: this.options.timeOffset,
      automated: new Set(track.automation.flatMap((l) => (l.enabled && l.target.kind === 'param' && l.target.deviceId === deviceId ? [l.target.paramId] : []))),
    });
  }

  private stripOptions(track: TrackSnapshot, audible: boolean): ChannelStripOptions {
    return {
      volumeDb: track.volumeDb,
      pan: track.pan,
      inputGain: audible ? (track.phaseInvert ? -1 : 1) : 0,
      panLaw: track.kind === 'bus' || track.kind === 'master' ? 'balance' : 'pan',
    };
  }

  private buildTrack(
    track: TrackSnapshot,
    audible: boolean,
    sends: readonly { readonly levelDb: number; readonly pre: boolean }[],
    fused: boolean,
    delays: readonly number[] = [],
    member?: FusedChannelStrip,
  ): TrackGraph {
    const { context } = this;
    const env = this.deviceEnv(track);
    const active = track.devices.filter((d) => !d.bypass);
    const stripOptions = this.stripOptions(track, audible);
    const source = track.kind === 'instrument' ? this.instrumentSource(track) : null;
    const voices = source?.kind === 'voices' ? source.options : null;
    const strip =
      member ??
      (fused ? FusedChannelStrip.create(context, env, active, stripOptions, sends, delays, voices, this.options.meters ? { interval: Math.round(MeterNode.getDefaults().interval * context.sampleRate) } : null) : null) ??
      new ChannelStrip(
        context,
        active.map((d): DeviceNode => createDevice(env(d.id), d)),
        stripOptions,
      );
    const automation: AutomationBinding[] = [];
    const bind = (targets: readonly ParamTarget[] | undefined, lane: TrackSnapshot['automation'][number]) => {
      if (!targets || targets.length === 0) {
        this.issues.push(`${track.name}: automation ${lane.key} has no audio parameter to drive; ignored`);
        return;
      }
      for (const t of targets) automation.push({ param: t.param, events: laneEvents(lane, this.tempo, t.mapping) });
    };
    for (const lane of track.automation) {
      if (!lane.enabled || lane.points.length === 0) continue;
      const target = lane.target;
      if (target.kind === 'volume') bind(strip.mixParams.volume, lane);
      else if (target.kind === 'pan') bind(strip.mixParams.pan, lane);
      else if (target.kind === 'param') {
        const index = active.findIndex((d) => d.id === target.deviceId);
        if (index >= 0) bind(strip.devices[index]!.params[target.paramId], lane);
      }
      // Send lanes are bound once the sends exist.
    }
    let instrument: TrackInstrument | null = null;
    if (source?.kind === 'node') {
      source.node.output.connect(strip.input, 0, strip.inputIndex);
      instrument = source.node;
    } else if (voices) {
      if (strip instanceof FusedChannelStrip && strip.voices) instrument = strip.voices;
      else {
        const bank = new VoiceBankNode(context, voices);
        bank.output.connect(strip.input);
        instrument = bank;
      }
    }
    let meter: TrackMeter | null = null;
    if (this.options.meters && strip instanceof FusedChannelStrip && strip.meter) meter = strip.meter;
    else if (this.options.meters) {
      const node = new MeterNode(context);
      strip.output.connect(node.input);
      meter = node;
    }
    return { track, strip, instrument, timeline: trackTimeline(track, this.tempo), audible, automation, meter };
  }

  /** The instrument of an instrument track, decided once per track (a registered one is a node; the synth and sampler are voice pools). */
  private instrumentSource(track: TrackSnapshot): InstrumentSource {
    const known = this.sources.get(track.id);
    if (known) return known;
    const source = this.makeInstrumentSource(track);
    this.sources.set(track.id, source);
    return source;
  }

  private makeInstrumentSource(track: TrackSnapshot): InstrumentSource {
    const instrument = track.instrument;
    // Hook: the soundfont player and drum machine of src/instruments, when a soundfont is loaded.
    const registered = createRegisteredInstrument(this.context, instrument);
    if (registered) return { kind: 'node', node: registered };
    const own = voicePoolOf(track, this.options.buffers);
    if (own) return { kind: 'voices', options: own };
    switch (instrument?.kind) {
      case 'synth':
        break;
      case 'sampler':
        this.issues.push(`${track.name}: the sampler has no decoded sample; the built-in synth plays instead`);
        break;
      case 'soundfont':
      case 'drums':
        this.issues.push(`${track.name}: the ${instrument.kind} instrument is not in the engine yet; the built-in synth plays instead`);
        break;
      case undefined:
        break;
    }
    return { kind: 'voices', options: { ...VoiceBankNode.getDefaults(), waveform: 'triangle', voices: 16 } };
  }

  private connectSidechains(t: TrackGraph, byId: ReadonlyMap<string, TrackGraph>): void {
    const active = t.track.devices.filter((d) => !d.bypass);
    active.forEach((d, i) => {
      const source = d.sidechainTrackId === null ? undefined : byId.get(d.sidechainTrackId);
      const input = t.strip.devices[i]?.sidechain;
      if (source && input && source !== t) source.strip.output.connect(input.node, 0, input.index);
    });
  }

  /** The snapshot the graph plays: the one it was built for, then each one {@link applyLive} took in. */
  get snapshot(): ProjectSnapshot {
    return this.current;
  }

  /**
   * Moves params of the running graph in place (see diffForLive), each with a short ramp from
   * its old value so nothing clicks, and takes `next` as the graph's snapshot. All or nothing:
   * returns false, changing nothing, when a change has no param to move in this graph (a device
   * param that shapes the structure, such as a filter's mode or an EQ band built out at 0 dB):
   * then the caller rebuilds.
   *
   * @example
   * const diff = diffForLive(graph.snapshot, next);
   * if (diff === 'rebuild' || !graph.applyLive(diff.params, next)) rebuild(next);
   */
  applyLive(changes: readonly ParamChange[], next: ProjectSnapshot): boolean {
    if (this.disposed) return false;
    const moves: { targets: readonly ParamTarget[]; from: number; to: number }[] = [];
    for (const change of changes) {
      const targets = this.liveTargets(change);
      if (targets === null) return false;
      moves.push({ targets, from: change.from, to: change.to });
    }
    const now = this.context.currentTime;
    for (const { targets, from, to } of moves) {
      for (const { param, mapping } of targets) {
        param.cancelScheduledValues(now);
        param.setValueAtTime(mapping.map(from), now);
        param.linearRampToValueAtTime(mapping.map(to), now + LIVE_RAMP);
      }
    }
    this.current = next;
    const byId = new Map([...next.tracks, ...(next.master ? [next.master] : [])].map((t) => [t.id, t]));
    for (const t of [...this.tracks, this.master]) {
      const track = byId.get(t.track.id);
      if (track) (t as { track: TrackSnapshot }).track = track;
    }
    return true;
  }

  /** The params a live change moves ([] when it does not sound here), or null when it needs a rebuild. */
  private liveTargets(change: ParamChange): readonly ParamTarget[] | null {
    const t = change.trackId === this.master.track.id ? this.master : this.tracks.find((g) => g.track.id === change.trackId);
    // A track outside this graph (a part of a split render) has nothing to move.
    if (!t) return [];
    switch (change.kind) {
      case 'volume':
        return t.strip.mixParams.volume;
      case 'pan':
        return t.strip.mixParams.pan;
      case 'send': {
        // A send dropped by the routing, or whose target is not in this graph, does not sound.
        const send = this.sendTargets.get(t.track.id)?.get(change.sendId);
        return send ? [send] : [];
      }
      case 'device': {
        const device = t.track.devices.find((d) => d.id === change.deviceId);
        if (!device) return null;
        if (device.bypass) return [];
        if (STRUCTURAL_PARAMS[device.kind]?.includes(change.paramId)) return null;
        const index = t.track.devices.filter((d) => !d.bypass).indexOf(device);
        const targets = t.strip.devices[index]?.params[change.paramId];
        return targets && targets.length > 0 ? targets : null;
      }
    }
  }

  /** Resolves once every voice bank holds every note sent to it, and every fused channel its param events. */
  delivered(): Promise<void> {
    const fused = [...this.tracks, this.master].map((t) => (t.strip instanceof FusedChannelStrip ? t.strip.delivered() : undefined));
    return Promise.all([...this.tracks.map((t) => t.instrument?.delivered()), ...fused]).then(() => undefined);
  }

  /** Disconnects and releases every node, worklet processor and meter of the graph. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const t of [...this.tracks, this.master]) {
      t.instrument?.dispose();
      t.meter?.dispose();
      t.strip.dispose();
    }
    for (const g of this.groups) g.dispose();
    this.limiter?.dispose();
    for (const node of this.links) node.disconnect();
  }

  get isDisposed(): boolean {
    return this.disposed;
  }
}
