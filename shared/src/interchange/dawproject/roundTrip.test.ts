import { describe, expect, it } from 'vitest';
import { readProject } from '../../project/read/readProject';
import type { ProjectSnapshot, TrackSnapshot } from '../../project/read/snapshot';
import { exportDawproject } from './exportDawproject';
import { importDawproject } from './importDawproject';
import { sha256 } from './node.fixtures';
import { richProject, VOX_BYTES } from './richProject.fixtures';

/** Rounds every number, so values that crossed a unit conversion compare equal. */
function rounded(value: unknown): unknown {
  if (typeof value === 'number') return Math.round(value * 1e6) / 1e6;
  if (Array.isArray(value)) return value.map(rounded);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rounded(v)]));
  return value;
}

/** A project described without its ids (which an import mints afresh). */
function summary(p: ProjectSnapshot): unknown {
  const all = p.master ? [...p.tracks, p.master] : [...p.tracks];
  const names = new Map(all.map((t) => [t.id, t.name]));
  const track = (t: TrackSnapshot) => ({
    name: t.name,
    kind: t.kind,
    color: t.color,
    volumeDb: t.volumeDb,
    pan: t.pan,
    mute: t.mute,
    solo: t.solo,
    instrument: t.instrument,
    output: t.output === null ? null : names.get(t.output),
    sends: t.sends.map((s) => ({ to: names.get(s.targetTrackId), levelDb: s.levelDb, pre: s.pre })),
    devices: t.devices.map((d) => ({ kind: d.kind, bypass: d.bypass, params: d.params })),
    clips: t.clips.map(({ id: _id, trackId: _t, ...c }) => (c.kind === 'midi' ? { ...c, notes: c.notes.map(({ id: _n, ...n }) => n) } : c)),
    automation: t.automation.map((lane) => ({
      target: lane.target.kind === 'param' ? { param: lane.target.paramId, device: t.devices.findIndex((d) => lane.target.kind === 'param' && d.id === lane.target.deviceId) } : lane.target.kind === 'send' ? 'send' : lane.target.kind,
      points: lane.points.map((pt) => ({ tick: pt.tick, value: pt.value, curve: pt.curve })),
    })).sort((a, b) => (JSON.stringify(a.target) < JSON.stringify(b.target) ? -1 : 1)),
  });
  return rounded({ title: p.title, tempo: p.tempo, meters: p.meters, markers: p.markers.map(({ id: _m, ...m }) => m), assets: p.assets, tracks: all.map(track) });
}

describe('DAWproject round trip: doc → .dawproject → doc', () => {
  it('keeps tracks, clips, notes, tempo/meter, mixer, sends, routing, automation and the devices', async () => {
    const hash = await sha256(VOX_BYTES);
    const original = richProject(hash);
    const bytes = exportDawproject(original, { assets: (h) => (h === hash ? VOX_BYTES : undefined), appVersion: '0.1.0' });
    const result = await importDawproject(bytes, { sha256 });
    const before = readProject(original);
    const after = readProject(result.doc);
    expect(after.issues).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(summary(after)).toEqual(summary(before));
    expect([...result.assets.keys()]).toEqual([hash]);
    expect(result.assets.get(hash)).toEqual(VOX_BYTES);
  });

  it('is stable: a second round trip changes nothing', async () => {
    const hash = await sha256(VOX_BYTES);
    const options = { assets: () => VOX_BYTES, appVersion: '0.1.0' };
    const once = await importDawproject(exportDawproject(richProject(hash), options), { sha256 });
    const twice = await importDawproject(exportDawproject(once.doc, options), { sha256 });
    expect(summary(readProject(twice.doc))).toEqual(summary(readProject(once.doc)));
  });
});
