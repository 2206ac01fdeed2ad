import { describe, expect, it } from 'vitest';
import { decibels } from '@encore/shared/units';
import type { ProjectSnapshot, TrackSnapshot } from '@encore/shared/project/read/snapshot';
import { device, lane, midiClip, note, project, track } from '../testing/snapshotBuilder';
import { diffForLive } from './liveDiff';

const base = project([
  track({ id: 'bus', kind: 'bus', devices: [device('rev', 'reverb')] }),
  track({
    id: 'lead',
    kind: 'instrument',
    devices: [device('flt', 'filter', { cutoff: 2000 }), device('eq', 'eq')],
    sends: [{ id: 's1', targetTrackId: 'bus', levelDb: -12, pre: false }],
    clips: [midiClip('c', 'lead', 0, 4, [note(60, 0, 1)])],
  }),
]);

/** `base` with track `id` changed by `edit` (everything else shared, as the session does). */
function edited(id: string, edit: (t: TrackSnapshot) => TrackSnapshot, from: ProjectSnapshot = base): ProjectSnapshot {
  if (id === 'master') return { ...from, master: edit(from.master!) };
  return { ...from, tracks: from.tracks.map((t) => (t.id === id ? edit(t) : t)) };
}

describe('diffForLive', () => {
  it('finds no change between a snapshot and an equal copy', () => {
    expect(diffForLive(base, structuredClone(base))).toEqual({ params: [] });
  });

  it('turns fader, pan, send and knob moves into param changes, master included', () => {
    let next = edited('lead', (t) => ({ ...t, volumeDb: decibels(-6), pan: 0.5, sends: [{ ...t.sends[0]!, levelDb: decibels(-3) }] }));
    next = edited('lead', (t) => ({ ...t, devices: [{ ...t.devices[0]!, params: { ...t.devices[0]!.params, cutoff: 800 }, preset: null }, t.devices[1]!] }), next);
    next = edited('master', (t) => ({ ...t, volumeDb: decibels(-1) }), next);
    expect(diffForLive(base, next)).toEqual({
      params: [
        { kind: 'volume', trackId: 'lead', from: 0, to: -6 },
        { kind: 'pan', trackId: 'lead', from: 0, to: 0.5 },
        { kind: 'send', trackId: 'lead', sendId: 's1', from: -12, to: -3 },
        { kind: 'device', trackId: 'lead', deviceId: 'flt', paramId: 'cutoff', from: 2000, to: 800 },
        { kind: 'volume', trackId: 'master', from: 0, to: -1 },
      ],
    });
  });

  it('ignores what the graph never reads: names, colours, arm, the loop, markers', () => {
    const next = { ...edited('lead', (t) => ({ ...t, name: 'Lead 2', color: '#ff0000', arm: true })), loop: { ...base.loop, enabled: true }, title: 'Other' };
    expect(diffForLive(base, next)).toEqual({ params: [] });
  });

  it('leaves out params an enabled automation lane drives (the automation owns them)', () => {
    const automated = edited('lead', (t) => ({ ...t, automation: [lane({ kind: 'volume' }, [{ beat: 0, value: -3 }]), lane({ kind: 'param', deviceId: 'flt', paramId: 'cutoff' }, [{ beat: 0, value: 500 }])] }));
    const next = edited('lead', (t) => ({ ...t, volumeDb: decibels(-20), pan: -1, devices: [{ ...t.devices[0]!, params: { ...t.devices[0]!.params, cutoff: 300 } }, t.devices[1]!] }), automated);
    expect(diffForLive(automated, next)).toEqual({ params: [{ kind: 'pan', trackId: 'lead', from: 0, to: -1 }] });
  });

  it.each<[string, (s: ProjectSnapshot) => ProjectSnapshot]>([
    ['a track added', (s) => ({ ...s, tracks: [...s.tracks, track({ id: 'new' })] })],
    ['tracks reordered', (s) => ({ ...s, tracks: [...s.tracks].reverse() })],
    ['a device added', (s) => edited('lead', (t) => ({ ...t, devices: [...t.devices, device('d3', 'delay')] }), s)],
    ['devices reordered', (s) => edited('lead', (t) => ({ ...t, devices: [...t.devices].reverse() }), s)],
    ['a device bypassed', (s) => edited('lead', (t) => ({ ...t, devices: t.devices.map((d) => ({ ...d, bypass: d.id === 'flt' })) }), s)],
    ['a send retargeted or made pre-fader', (s) => edited('lead', (t) => ({ ...t, sends: [{ ...t.sends[0]!, pre: true }] }), s)],
    ['the output routed to a bus', (s) => edited('lead', (t) => ({ ...t, output: 'bus' }), s)],
    ['a mute', (s) => edited('lead', (t) => ({ ...t, mute: true }), s)],
    ['a solo', (s) => edited('bus', (t) => ({ ...t, solo: true }), s)],
    ['a phase flip', (s) => edited('lead', (t) => ({ ...t, phaseInvert: true }), s)],
    ['a note moved', (s) => edited('lead', (t) => ({ ...t, clips: [midiClip('c', 'lead', 0, 4, [note(62, 0, 1)])] }), s)],
    ['an automation point added', (s) => edited('lead', (t) => ({ ...t, automation: [lane({ kind: 'pan' }, [{ beat: 0, value: 1 }])] }), s)],
    ['the instrument changed', (s) => edited('lead', (t) => ({ ...t, instrument: { kind: 'synth', waveform: 'square', voices: 16 } }), s)],
    ['a tempo change', (s) => ({ ...s, tempo: [{ ...s.tempo[0]!, bpm: 100 }] })],
  ])('asks for a rebuild on %s', (_, change) => {
    expect(diffForLive(base, change(base))).toBe('rebuild');
  });
});
