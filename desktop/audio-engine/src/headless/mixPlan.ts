import { TempoMap } from '@encore/shared/project/tempoMap';
import type { ProjectSnapshot, TrackSnapshot } from '@encore/shared/project/read/snapshot';
import { balanceGains, panGains } from '../dsp/pan';
import type { ChainStageSpec } from '../dsp/channelChain';
import { dbGain } from '../effects/device';
import { fusedDevice } from '../effects/fused';
import { eventsValueAt, laneEvents, type ParamEvent, type ParamMapping } from '../graph/automation';
import { BALANCE_LEFT, BALANCE_RIGHT, PAN_LEFT, PAN_RIGHT } from '../graph/channelStrip';
import { computeLatencies, edgeDelay, MASTER_ID } from '../graph/latency';
import { resolveRouting } from '../graph/routing';
import { songEnd } from '../graph/timeline';
import type { ChannelMemberOptions } from '../worklets/protocol';

/**
 * The mixer of a headless render, planned from a snapshot the way the render graph builds it
 * (graph/renderGraph.ts with fused strips): the same routing, mute/solo, plugin delay
 * compensation, strip slots (volume, pan, sends, then each device's fused stages) and automation
 * events, as options for the fused channel's block code (worklets/channelMember.ts). Pure data:
 * it crosses to worker threads by structured clone.
 */

/** One automated slot of a channel and its events (song seconds). */
export interface SlotAutomation {
  readonly slot: number;
  readonly events: readonly ParamEvent[];
}

export interface ChannelPlan {
  readonly id: string;
  readonly name: string;
  /** Sources play notes or clips into their strip; buses and the master sum their inputs. */
  readonly role: 'source' | 'bus' | 'master';
  readonly track: TrackSnapshot;
  /** The strip; `outputs` index {@link MixPlan.destinations} (the master's main edge: the mix out). */
  readonly member: ChannelMemberOptions;
  readonly automation: readonly SlotAutomation[];
  /** For a bus, its index in `destinations` (its summed input). */
  readonly input: number | null;
  readonly audible: boolean;
  /** Channel ids whose post-fader signal keys this channel's sidechained dynamics, by key index. */
  readonly keys: readonly string[];
  /** Whether another channel's sidechain listens to this one. */
  readonly isKey: boolean;
}

export interface MixPlan {
  readonly sampleRate: number;
  /** Frames of the song with its tail (what the output holds). */
  readonly frames: number;
  /** Frames the mix out lags the timeline (compensated device latency); the safety limiter adds its own. */
  readonly latency: number;
  /** Summing points: the master's input first, then each bus's. Index `destinations.length` is the mix out. */
  readonly destinations: readonly string[];
  /**
   * Sources (in document order, but each after the sources that key its sidechains), then buses
   * so that every bus comes after whatever feeds it, then the master. A key that comes later (a
   * bus keying a source, a cycle of keys) is heard one block late.
   */
  readonly channels: readonly ChannelPlan[];
  readonly issues: readonly string[];
}

export interface MixPlanOptions {
  sampleRate: number;
  /** Seconds after the last note or clip (releases, reverb tails). */
  tail: number;
  /** Solo these track ids instead of the document's solos (stems). */
  solo: readonly string[] | null;
  /** Song seconds to stop at instead of the song's end plus `tail` (a selection's end). */
  until?: number | null;
}

/**
 * @example
 * const plan = planMix(readProject(doc), { sampleRate: 48_000, tail: 2, solo: null });
 */
export function planMix(snapshot: ProjectSnapshot, o: MixPlanOptions): MixPlan {
  const issues: string[] = [];
  const tempo = new TempoMap(snapshot.tempo);
  const routing = resolveRouting(snapshot, o.solo ?? undefined);
  issues.push(...routing.issues);
  const lat = computeLatencies(snapshot, routing, o.sampleRate);
  const buses = busOrder(snapshot, routing.output, routing.sends);
  const destinations = [MASTER_ID, ...buses.map((b) => b.id)];
  const index = (id: string | null) => (id === null ? 0 : Math.max(0, destinations.indexOf(id)));
  const master = snapshot.master ?? unityMaster(issues);
  const ids = new Set([...snapshot.tracks.map((t) => t.id), master.id]);

  const plan = (track: TrackSnapshot, role: ChannelPlan['role']): ChannelPlan => {
    const audible = role === 'master' ? true : (routing.audible.get(track.id) ?? false);
    const sends = role === 'master' ? [] : (routing.sends.get(track.id) ?? []);
    const balance = role !== 'source';
    const { left, right } = balance ? balanceGains(track.pan) : panGains(track.pan);
    const values: number[] = [dbGain.map(track.volumeDb), left, right, ...sends.map((s) => dbGain.map(s.levelDb))];
    const stages: ChainStageSpec[] = [];
    const deviceSlots = new Map<string, Readonly<Record<string, readonly { readonly slot: number; readonly mapping: ParamMapping }[]>>>();
    const automation: SlotAutomation[] = [];
    const keys: string[] = [];
    const keyOf = (id: string) => (keys.includes(id) ? keys.indexOf(id) : keys.push(id) - 1);
    for (const device of track.devices) {
      if (device.bypass) continue;
      // As the render graph: a key that is not in the project (or the track itself) leaves the device listening to its input.
      const d = device.sidechainTrackId !== null && (device.sidechainTrackId === track.id || !ids.has(device.sidechainTrackId)) ? { ...device, sidechainTrackId: null } : device;
      const automated = new Set(track.automation.flatMap((l) => (l.enabled && l.target.kind === 'param' && l.target.deviceId === d.id ? [l.target.paramId] : [])));
      const fused = fusedDevice({ tempo, tempoPoints: snapshot.tempo, timeOffset: 0, automated }, d, values.length, keyOf);
      if (!fused) {
        issues.push(`${track.name}: the ${d.kind}${d.sidechainTrackId ? ' (sidechained)' : ''} device is not in headless renders yet; it is bypassed`);
        continue;
      }
      stages.push(...fused.stages);
      values.push(...fused.values);
      deviceSlots.set(d.id, fused.params);
      for (const e of fused.events) automation.push({ slot: e.slot, events: [{ time: e.time, value: e.value, ramp: false }] });
    }
    const bind = (slot: number, lane: TrackSnapshot['automation'][number], mapping: ParamMapping) => {
      const events = laneEvents(lane, tempo, mapping);
      // As the scheduler starts a render: the lane's value at 0, then its events.
      automation.push({ slot, events: [{ time: 0, value: eventsValueAt(events, 0), ramp: false }, ...events] });
    };
    for (const lane of track.automation) {
      if (!lane.enabled || lane.points.length === 0) continue;
      const t = lane.target;
      if (t.kind === 'volume') bind(0, lane, dbGain);
      else if (t.kind === 'pan') {
        bind(1, lane, balance ? BALANCE_LEFT : PAN_LEFT);
        bind(2, lane, balance ? BALANCE_RIGHT : PAN_RIGHT);
      } else if (t.kind === 'send') {
        const k = sends.findIndex((s) => s.id === t.sendId);
        if (k >= 0) bind(3 + k, lane, dbGain);
      } else if (t.kind === 'param') {
        const targets = deviceSlots.get(t.deviceId)?.[t.paramId];
        if (!targets || targets.length === 0) issues.push(`${track.name}: automation ${lane.key} has no audio parameter to drive; ignored`);
        else for (const target of targets) bind(target.slot, lane, target.mapping);
      }
    }
    const edges = role === 'master' ? [] : [routing.output.get(track.id) ?? MASTER_ID, ...sends.map((s) => s.targetTrackId)];
    const member: ChannelMemberOptions = {
      inputGain: audible ? (track.phaseInvert ? -1 : 1) : 0,
      stages,
      values,
      sends: sends.map((s) => ({ pre: s.pre })),
      delays: edges.map((to) => edgeDelay(lat, track.id, to)),
      input: 0,
      outputs: role === 'master' ? [destinations.length] : [index(routing.output.get(track.id) ?? null), ...sends.map((s) => index(s.targetTrackId))],
      voices: null,
    };
    return { id: track.id, name: track.name, role, track, member, automation, input: role === 'bus' ? index(track.id) : null, audible, keys, isKey: false };
  };

  const sources = keyOrder(snapshot.tracks.filter((t) => t.kind === 'audio' || t.kind === 'instrument').map((t) => plan(t, 'source')));
  const planned = [...sources, ...buses.map((b) => plan(b, 'bus')), plan(master, 'master')];
  const keyIds = new Set(planned.flatMap((c) => c.keys));
  const channels = planned.map((c) => (keyIds.has(c.id) ? { ...c, isKey: true } : c));
  const frames = Math.max(1, Math.round((o.until ?? songEnd(snapshot, tempo) + o.tail) * o.sampleRate));
  return { sampleRate: o.sampleRate, frames, latency: lat.master, destinations, channels, issues };
}

/** Source channels in their order, each moved after the sources keying its sidechains (a cycle keeps the order it reached). */
function keyOrder(sources: readonly ChannelPlan[]): ChannelPlan[] {
  const byId = new Map(sources.map((c) => [c.id, c]));
  const ordered: ChannelPlan[] = [];
  const seen = new Set<string>();
  const visit = (c: ChannelPlan) => {
    if (seen.has(c.id)) return;
    seen.add(c.id);
    for (const k of c.keys) {
      const key = byId.get(k);
      if (key) visit(key);
    }
    ordered.push(c);
  };
  for (const c of sources) visit(c);
  return ordered;
}

/** Buses ordered so each comes after every bus that outputs or sends into it. */
function busOrder(snapshot: ProjectSnapshot, output: ReadonlyMap<string, string | null>, sends: ReadonlyMap<string, readonly { readonly targetTrackId: string }[]>): TrackSnapshot[] {
  const buses = snapshot.tracks.filter((t) => t.kind === 'bus');
  const feeds = new Map<string, string[]>();
  for (const b of buses) {
    for (const to of [output.get(b.id) ?? null, ...(sends.get(b.id) ?? []).map((s) => s.targetTrackId)]) {
      if (to !== null) feeds.set(to, [...(feeds.get(to) ?? []), b.id]);
    }
  }
  const byId = new Map(buses.map((b) => [b.id, b]));
  const ordered: TrackSnapshot[] = [];
  const done = new Set<string>();
  // Routing is acyclic (resolveRouting broke every loop), so this depth-first walk terminates.
  const visit = (id: string) => {
    if (done.has(id)) return;
    done.add(id);
    for (const from of feeds.get(id) ?? []) visit(from);
    const bus = byId.get(id);
    if (bus) ordered.push(bus);
  };
  for (const b of buses) visit(b.id);
  return ordered;
}

function unityMaster(issues: string[]): TrackSnapshot {
  issues.push('the project has no master track: a unity master is used');
  return {
    id: MASTER_ID, kind: 'master', name: 'Master', order: 'a0', color: '#000000', volumeDb: 0 as TrackSnapshot['volumeDb'], pan: 0, mute: false, solo: false,
    arm: false, phaseInvert: false, output: null, instrument: null, activeTakeId: null, devices: [], sends: [], automation: [], clips: [], takes: [],
  };
}
