import type { ParamBinding, PlannedTrack } from './plan';
import { readClip, type ClipContext } from './readClips';
import { cleanColor } from './readStructure';
import { asDpUnit, toEncore } from './units';
import { child, childrenNamed, num, type XmlElement } from './xml';

export interface ArrangementContext extends ClipContext {
  readonly tracks: ReadonlyMap<string, PlannedTrack>;
  readonly bindings: ReadonlyMap<string, ParamBinding>;
  /** Ids of the transport's tempo and time signature, whose lanes readTransport already read. */
  readonly transportIds: ReadonlySet<string>;
}

interface Scope {
  readonly track: PlannedTrack | undefined;
  readonly unit: string | undefined;
}

function readPoints(ctx: ArrangementContext, lane: XmlElement, scope: Scope, skipped: Set<string>): void {
  const target = child(lane, 'Target');
  const parameter = target?.attrs.parameter;
  if (parameter && ctx.transportIds.has(parameter)) return;
  const binding = parameter ? ctx.bindings.get(parameter) : undefined;
  if (!binding) {
    const what = target?.attrs.expression ? `note expression "${target.attrs.expression}"` : `parameter ${parameter ?? '(none)'}`;
    skipped.add(`${scope.track ? `Track "${scope.track.name}": ` : ''}automation of ${what}`);
    return;
  }
  const unit = lane.attrs.timeUnit ?? scope.unit;
  const valueUnit = asDpUnit(lane.attrs.unit);
  let clamped = 0;
  for (const p of lane.children) {
    if (p.name !== 'RealPoint') {
      if (p.name !== 'Target') skipped.add(`Track "${binding.track.name}": ${p.name} automation`);
      continue;
    }
    const time = num(p, 'time');
    const raw = num(p, 'value');
    const converted = raw === undefined ? undefined : toEncore(raw, valueUnit, binding.declared, binding.unit, binding.range);
    if (time === undefined || converted === undefined) continue;
    const adjusted = binding.adjust ? binding.adjust(converted) : converted;
    const value = Math.min(binding.range[1], Math.max(binding.range[0], adjusted));
    if (Math.abs(value - adjusted) > 1e-6 * Math.max(1, Math.abs(adjusted))) clamped++;
    binding.track.points.push({ target: binding.target, tick: ctx.timebase.tick(time, unit), value, curve: p.attrs.interpolation === 'hold' ? 'hold' : 'linear' });
  }
  if (clamped > 0) ctx.plan.warnings.push(`Track "${binding.track.name}": ${clamped} automation point(s) outside Encore's range were clamped`);
}

function walk(ctx: ArrangementContext, node: XmlElement, scope: Scope, skipped: Set<string>): void {
  for (const c of node.children) {
    const unit = c.attrs.timeUnit ?? scope.unit;
    let track = scope.track;
    if (c.attrs.track) {
      track = ctx.tracks.get(c.attrs.track);
      if (!track) skipped.add(`content of unknown track ${c.attrs.track}`);
    }
    const inner: Scope = { track, unit };
    switch (c.name) {
      case 'Lanes':
        walk(ctx, c, inner, skipped);
        break;
      case 'Clips':
        if (track) for (const clip of childrenNamed(c, 'Clip')) readClip(ctx, track, clip, unit);
        break;
      case 'Points':
        readPoints(ctx, c, inner, skipped);
        break;
      case 'Notes':
        // Notes straight on a track lane: one clip from the start to the last note's end.
        if (track) {
          const end = Math.max(0, ...childrenNamed(c, 'Note').map((n) => (num(n, 'time') ?? 0) + (num(n, 'duration') ?? 0)));
          readClip(ctx, track, { name: 'Clip', attrs: { time: '0', duration: String(end) }, children: [c], text: '' }, unit);
        }
        break;
      case 'markers':
        readMarkers(ctx, c, unit);
        break;
      default:
        if (track) skipped.add(`Track "${track.name}": <${c.name}> on the timeline`);
    }
  }
}

function readMarkers(ctx: ArrangementContext, markers: XmlElement | undefined, unit: string | undefined): void {
  for (const m of childrenNamed(markers, 'Marker')) {
    const time = num(m, 'time');
    if (time === undefined) continue;
    ctx.plan.markers.push({ tick: ctx.timebase.tick(time, markers?.attrs.timeUnit ?? unit), name: (m.attrs.name ?? '').trim().slice(0, 100).trim() || 'Marker', color: cleanColor(m.attrs.color) });
  }
}

/**
 * Reads the <Arrangement>: clips (notes and audio) and automation lanes of every track, and the
 * markers. Whatever has no place in Encore (clip launcher scenes, video, note expressions,
 * automation of unknown parameters) is listed once per kind in the warnings.
 */
export function readArrangement(ctx: ArrangementContext, arrangement: XmlElement | undefined): void {
  const skipped = new Set<string>();
  const lanes = child(arrangement, 'Lanes');
  if (lanes) walk(ctx, { ...lanes, children: [lanes] }, { track: undefined, unit: undefined }, skipped);
  readMarkers(ctx, child(arrangement, 'Markers'), lanes?.attrs.timeUnit);
  for (const what of skipped) ctx.plan.warnings.push(`${what} is not supported and was skipped`);
}
