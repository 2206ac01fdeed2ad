import { TempoMap } from '@encore/shared/project/tempoMap';
import type { ProjectSnapshot, TrackSnapshot } from '@encore/shared/project/read/snapshot';
import { createDevice } from '../effects/createDevice';
import { dbGain, type DeviceEnv, type DeviceNode, type ParamTarget } from '../effects/device';
import { LimiterNode, type LimiterNodeOptions } from '../nodes/LimiterNode';
import { MeterNode } from '../nodes/MeterNode';
import { VoiceBankNode } from '../nodes/VoiceBankNode';
import { laneEvents, type ParamEvent } from './automation';
import { ChannelStrip } from './channelStrip';
import { resolveRouting } from './routing';
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
}

/** One automated AudioParam and its events in song time. */
export interface AutomationBinding {
  readonly param: AudioParam;
  readonly events: readonly ParamEvent[];
}

export interface TrackGraph {
  readonly track: TrackSnapshot;
  readonly strip: ChannelStrip;
  readonly instrument: VoiceBankNode | null;
  readonly timeline: TrackTimeline;
  readonly audible: boolean;
  readonly automation: readonly AutomationBinding[];
  readonly meter: MeterNode | null;
}

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
  /** Frames the master output lags the timeline by (the limiter's look-ahead). */
  readonly latency: number;
  readonly issues: string[] = [];
  readonly options: RenderGraphOptions;
  private disposed = false;

  static getDefaults(): RenderGraphOptions {
    return { buffers: new Map(), destination: null, timeOffset: 0, limiter: {}, meters: false, solo: null };
  }

  constructor(
    readonly context: BaseAudioContext,
    readonly snapshot: ProjectSnapshot,
    options: Partial<RenderGraphOptions> = {},
  ) {
    const o = (this.options = { ...RenderGraph.getDefaults(), ...options });
    this.tempo = new TempoMap(snapshot.tempo);
    const routing = resolveRouting(snapshot, o.solo ?? undefined);
    this.issues.push(...routing.issues);

    const master = snapshot.master ?? this.defaultMaster();
    this.master = this.buildTrack(master, true);
    this.limiter = o.limiter === false ? null : new LimiterNode(context, o.limiter);
    const destination = o.destination ?? context.destination;
    if (this.limiter) this.master.strip.output.connect(this.limiter.input).connect(destination);
    else this.master.strip.output.connect(destination);
    this.latency = this.limiter?.latency ?? 0;

    const tracks = snapshot.tracks.map((t) => this.buildTrack(t, routing.audible.get(t.id) ?? false));
    const byId = new Map(tracks.map((t) => [t.track.id, t]));
    for (const t of tracks) {
      const out = routing.output.get(t.track.id) ?? null;
      t.strip.output.connect(out === null ? this.master.strip.input : byId.get(out)!.strip.input);
      for (const send of routing.sends.get(t.track.id) ?? []) {
        const gain = t.strip.addSend(byId.get(send.targetTrackId)!.strip.input, send.levelDb, send.pre);
        const lane = t.track.automation.find((l) => l.enabled && l.target.kind === 'send' && l.target.sendId === send.id);
        if (lane) (t.automation as AutomationBinding[]).push({ param: gain.gain, events: laneEvents(lane, this.tempo, dbGain) });
      }
    }
    for (const t of [...tracks, this.master]) this.connectSidechains(t, byId);
    this.tracks = tracks;
  }

  private defaultMaster(): TrackSnapshot {
    this.issues.push('the project has no master track: a unity master is used');
    return {
      id: 'master', kind: 'master', name: 'Master', order: 'a0', color: '#000000', volumeDb: 0 as TrackSnapshot['volumeDb'], pan: 0, mute: false, solo: false,
      arm: false, phaseInvert: false, output: null, instrument: null, activeTakeId: null, devices: [], sends: [], automation: [], clips: [], takes: [],
    };
  }

  private buildTrack(track: TrackSnapshot, audible: boolean): TrackGraph {
    const { context } = this;
    const env = (deviceId: string): DeviceEnv => ({
      context,
      tempo: this.tempo,
      tempoPoints: this.snapshot.tempo,
      timeOffset: this.options.timeOffset,
      automated: new Set(track.automation.flatMap((l) => (l.enabled && l.target.kind === 'param' && l.target.deviceId === deviceId ? [l.target.paramId] : []))),
    });
    const active = track.devices.filter((d) => !d.bypass);
    const devices: DeviceNode[] = active.map((d) => createDevice(env(d.id), d));
    const strip = new ChannelStrip(context, devices, {
      volumeDb: track.volumeDb,
      pan: track.pan,
      inputGain: audible ? (track.phaseInvert ? -1 : 1) : 0,
      panLaw: track.kind === 'bus' || track.kind === 'master' ? 'balance' : 'pan',
    });
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
        if (index >= 0) bind(devices[index]!.params[target.paramId], lane);
      }
      // Send lanes are bound once the sends exist.
    }
    const instrument = track.kind === 'instrument' ? this.buildInstrument(track) : null;
    instrument?.output.connect(strip.input);
    const meter = this.options.meters ? new MeterNode(context) : null;
    if (meter) strip.output.connect(meter.input);
    return { track, strip, instrument, timeline: trackTimeline(track, this.tempo), audible, automation, meter };
  }

  private buildInstrument(track: TrackSnapshot): VoiceBankNode {
    const instrument = track.instrument;
    switch (instrument?.kind) {
      case 'synth':
        return new VoiceBankNode(this.context, { waveform: instrument.waveform, voices: instrument.voices });
      case 'sampler': {
        const buffer = instrument.assetHash === null ? undefined : this.options.buffers.get(instrument.assetHash);
        if (buffer) {
          const data = buffer.getChannelData(0).slice();
          return new VoiceBankNode(this.context, { voices: 16, sample: { data, sampleRate: buffer.sampleRate, rootPitch: instrument.rootPitch }, release: 0.1, sustain: 1, gain: 1 });
        }
        this.issues.push(`${track.name}: the sampler has no decoded sample; the built-in synth plays instead`);
        break;
      }
      case 'soundfont':
      case 'drums':
        this.issues.push(`${track.name}: the ${instrument.kind} instrument is not in the engine yet; the built-in synth plays instead`);
        break;
      case undefined:
        break;
    }
    return new VoiceBankNode(this.context, { waveform: 'triangle', voices: 16 });
  }

  private connectSidechains(t: TrackGraph, byId: ReadonlyMap<string, TrackGraph>): void {
    const active = t.track.devices.filter((d) => !d.bypass);
    active.forEach((d, i) => {
      const source = d.sidechainTrackId === null ? undefined : byId.get(d.sidechainTrackId);
      const input = t.strip.devices[i]?.sidechain;
      if (source && input && source !== t) source.strip.output.connect(input.node, 0, input.index);
    });
  }

  /** Resolves once every voice bank holds every note sent to it. */
  delivered(): Promise<void> {
    return Promise.all(this.tracks.map((t) => t.instrument?.delivered())).then(() => undefined);
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
    this.limiter?.dispose();
  }

  get isDisposed(): boolean {
    return this.disposed;
  }
}
