import type { ProjectSnapshot, TrackSnapshot } from '@encore/shared/project/read/snapshot';

/**
 * What a document change means for a graph that is already playing: either only mixer and
 * device param VALUES moved (a fader, a knob, a send level), which the graph applies in place
 * with a short ramp ({@link RenderGraph.applyLive}), or anything else changed (tracks, devices,
 * routing, mute/solo/phase, automation lanes, clips, notes, tempo), which needs a new graph.
 */

/** One param value to move in place; `from` is the value the graph has now, `to` the new one (document units). */
export type ParamChange =
  | { readonly kind: 'volume'; readonly trackId: string; readonly from: number; readonly to: number }
  | { readonly kind: 'pan'; readonly trackId: string; readonly from: number; readonly to: number }
  | { readonly kind: 'send'; readonly trackId: string; readonly sendId: string; readonly from: number; readonly to: number }
  | { readonly kind: 'device'; readonly trackId: string; readonly deviceId: string; readonly paramId: string; readonly from: number; readonly to: number };

export type LiveDiff = { readonly params: readonly ParamChange[] } | 'rebuild';

/**
 * The param changes that turn a graph built for `old` into one for `next`, or 'rebuild'.
 * Params an enabled automation lane drives are left out: the automation owns them, so their
 * document value does not sound. What the graph never reads (names, colours, arm, markers,
 * the loop, meters) is ignored.
 *
 * @example
 * const diff = diffForLive(graph.snapshot, next);
 * if (diff === 'rebuild' || !graph.applyLive(diff.params, next)) rebuild(next);
 */
export function diffForLive(old: ProjectSnapshot, next: ProjectSnapshot): LiveDiff {
  if (!same(old.tempo, next.tempo)) return 'rebuild';
  if (old.tracks.length !== next.tracks.length) return 'rebuild';
  if ((old.master === null) !== (next.master === null)) return 'rebuild';
  const params: ParamChange[] = [];
  const pairs: [TrackSnapshot, TrackSnapshot][] = old.tracks.map((t, i) => [t, next.tracks[i]!]);
  if (old.master && next.master) pairs.push([old.master, next.master]);
  for (const [a, b] of pairs) if (!diffTrack(a, b, params)) return 'rebuild';
  return { params };
}

/** Adds the live changes of one track to `out`; false when the track changed in structure. */
function diffTrack(a: TrackSnapshot, b: TrackSnapshot, out: ParamChange[]): boolean {
  if (a === b) return true;
  if (a.id !== b.id || a.kind !== b.kind || a.mute !== b.mute || a.solo !== b.solo || a.phaseInvert !== b.phaseInvert || a.output !== b.output) return false;
  if (a.activeTakeId !== b.activeTakeId || !same(a.instrument, b.instrument) || !same(a.automation, b.automation)) return false;
  if (!same(a.clips, b.clips) || !same(a.takes, b.takes)) return false;
  if (a.sends.length !== b.sends.length || a.devices.length !== b.devices.length) return false;
  const automated = new Set(b.automation.filter((l) => l.enabled && l.points.length > 0).map((l) => l.key));
  const trackId = b.id;
  if (a.volumeDb !== b.volumeDb && !automated.has('volume')) out.push({ kind: 'volume', trackId, from: a.volumeDb, to: b.volumeDb });
  if (a.pan !== b.pan && !automated.has('pan')) out.push({ kind: 'pan', trackId, from: a.pan, to: b.pan });
  for (let i = 0; i < a.sends.length; i++) {
    const s = a.sends[i]!;
    const t = b.sends[i]!;
    if (s.id !== t.id || s.targetTrackId !== t.targetTrackId || s.pre !== t.pre) return false;
    if (s.levelDb !== t.levelDb && !automated.has(`send/${s.id}`)) out.push({ kind: 'send', trackId, sendId: s.id, from: s.levelDb, to: t.levelDb });
  }
  for (let i = 0; i < a.devices.length; i++) {
    const d = a.devices[i]!;
    const e = b.devices[i]!;
    if (d.id !== e.id || d.kind !== e.kind || d.bypass !== e.bypass || d.sidechainTrackId !== e.sidechainTrackId) return false;
    const keys = new Set([...Object.keys(d.params), ...Object.keys(e.params)]);
    for (const paramId of keys) {
      const from = d.params[paramId];
      const to = e.params[paramId];
      if (from === to) continue;
      if (from === undefined || to === undefined) return false;
      if (automated.has(`param/${d.id}/${paramId}`)) continue;
      out.push({ kind: 'device', trackId, deviceId: d.id, paramId, from, to });
    }
  }
  return true;
}

/** Deep equality of plain snapshot data, short-cut by identity (the session shares unchanged parts). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (!same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}
