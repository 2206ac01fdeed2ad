import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { readProject } from '@encore/shared/project/read/readProject';
import { createDemoProject } from '@encore/shared/project/templates/demoProject';
import { DEVICE_NAMES } from '../mixer/Mixer';
import { lanePath } from './automationPath';
import { automationTargets, defaultShownLanes, laneExists } from './automationTargets';

const demo = () => {
  const doc = new Y.Doc();
  createDemoProject(doc);
  return readProject(doc);
};

describe('automation targets', () => {
  it('lists volume, pan, sends and every param of every device, mapping values to the lane and back', () => {
    const p = demo();
    const lead = p.tracks.find((t) => t.name === 'Lead')!;
    const targets = automationTargets(lead, p.tracks, DEVICE_NAMES);
    expect(targets.slice(0, 3).map((t) => t.label)).toEqual(['Volume', 'Pan', 'Send → Reverb']);
    expect(targets.filter((t) => t.group === 'Delay').map((t) => t.target)).toHaveLength(5);
    const volume = targets[0]!;
    expect(volume.fromNorm(0)).toBe(-144);
    expect(volume.fromNorm(1)).toBe(12);
    expect(volume.toNorm(-60)).toBe(0);
    expect(volume.fromNorm(volume.toNorm(-6))).toBeCloseTo(-6, 1);
    const pan = targets[1]!;
    expect([pan.fromNorm(0), pan.fromNorm(0.5), pan.fromNorm(1)]).toEqual([-1, 0, 1]);
    const feedback = targets.find((t) => t.label === 'Delay · Feedback')!;
    expect(feedback.fromNorm(1)).toBe(95);
    expect(feedback.format(40)).toBe('40 %');
  });

  it('opens the lanes holding points, and drops lanes whose device is gone', () => {
    const p = demo();
    const chords = p.tracks.find((t) => t.name === 'Chords')!;
    const shown = defaultShownLanes(chords);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatch(/^param\/.+\/cutoff$/);
    expect(laneExists(chords, shown[0]!)).toBe(true);
    expect(laneExists(chords, 'param/nope/cutoff')).toBe(false);
    expect(laneExists(chords, 'send/nope')).toBe(false);
    expect(defaultShownLanes(p.tracks.find((t) => t.name === 'Drums')!)).toEqual(['volume']);
  });

  it('draws each segment in the shape the engine plays: straight, held or curved', () => {
    const g = { tickToX: (t: number) => t / 10, valueToY: (v: number) => 100 - v, width: 500 };
    const point = (id: string, tick: number, value: number, curve: 'linear' | 'hold' | 'exponential') => ({ id, lane: 'volume', tick: tick as never, value, curve, tension: 0 });
    expect(lanePath([point('a', 1000, 10, 'linear'), point('b', 2000, 50, 'linear')], g)).toBe('M0,90L100,90L200,50L500,50');
    expect(lanePath([point('a', 1000, 10, 'hold'), point('b', 2000, 50, 'linear')], g)).toBe('M0,90L100,90L200,90L200,50L500,50');
    const curved = lanePath([point('a', 0, 10, 'exponential'), point('b', 2400, 90, 'linear')], g);
    // 24 pieces, geometric: halfway along, the value is √(10·90) = 30, not 50.
    expect(curved.split('L')).toHaveLength(1 + 1 + 23 + 1 + 1);
    expect(curved).toContain('L120,70');
    expect(lanePath([], g)).toBe('');
  });
});
