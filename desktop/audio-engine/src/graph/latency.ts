import type { ProjectSnapshot, TrackSnapshot } from '@encore/shared/project/read/snapshot';
import { LimiterNode } from '../nodes/LimiterNode';
import type { Routing } from './routing';

/**
 * Plugin delay compensation. A device with look-ahead (the limiter) delays its track; every
 * signal meeting it downstream must be delayed as much, or the mix smears. For each channel
 * (tracks, buses, the master) `arrive` is the latency its input carries (the largest of what
 * feeds it) and `out` that plus its own devices' latency; every edge (an output or a send) is
 * then delayed by `arrive(target) - out(source)` so all of a bus's inputs line up.
 */

export const MASTER_ID = 'master';

export interface Latencies {
  /** Frames a channel's input lags the timeline by. */
  readonly arrive: ReadonlyMap<string, number>;
  /** Frames a channel's output lags the timeline by. */
  readonly out: ReadonlyMap<string, number>;
  /** Frames the master's output lags the timeline by (before the safety limiter). */
  readonly master: number;
}

/** Frames of latency a track's own devices add (bypassed devices add none). */
export function deviceLatency(track: TrackSnapshot, sampleRate: number): number {
  const lookahead = Math.max(1, Math.round(LimiterNode.getDefaults().lookahead * sampleRate));
  return track.devices.filter((d) => !d.bypass && d.kind === 'limiter').length * lookahead;
}

/**
 * Latencies of every channel of `snapshot` under `routing` (whose outputs and sends are acyclic).
 *
 * @example
 * const lat = computeLatencies(snapshot, resolveRouting(snapshot), 48_000);
 * edgeDelay(lat, 'lead', 'reverb'); // frames to delay lead's send to the reverb by
 */
export function computeLatencies(snapshot: ProjectSnapshot, routing: Routing, sampleRate: number): Latencies {
  const incoming = new Map<string, string[]>();
  const link = (from: string, to: string) => incoming.set(to, [...(incoming.get(to) ?? []), from]);
  for (const t of snapshot.tracks) {
    link(t.id, routing.output.get(t.id) ?? MASTER_ID);
    for (const s of routing.sends.get(t.id) ?? []) link(t.id, s.targetTrackId);
  }
  const byId = new Map(snapshot.tracks.map((t) => [t.id, t]));
  const arrive = new Map<string, number>();
  const out = new Map<string, number>();
  const visit = (id: string, depth: number): number => {
    const known = out.get(id);
    if (known !== undefined) return known;
    if (depth > snapshot.tracks.length + 1) throw new Error(`routing cycle through ${id}`);
    const a = Math.max(0, ...(incoming.get(id) ?? []).map((from) => visit(from, depth + 1)));
    const track = id === MASTER_ID ? snapshot.master : byId.get(id);
    const o = a + (track ? deviceLatency(track, sampleRate) : 0);
    arrive.set(id, a);
    out.set(id, o);
    return o;
  };
  for (const t of snapshot.tracks) visit(t.id, 0);
  const master = visit(MASTER_ID, 0);
  return { arrive, out, master };
}

/** Frames to delay the edge from channel `from` into channel `to` (`MASTER_ID` for the master). */
export const edgeDelay = (l: Latencies, from: string, to: string): number => (l.arrive.get(to) ?? 0) - (l.out.get(from) ?? 0);
