import { describe, expect, it } from 'vitest';
import { codecArgs, planLanes } from './encodePlan';
import { RENDITIONS } from './processTrack';

const names = (lanes: ReturnType<typeof planLanes>) => lanes.map((l) => [...l.renditions.map((r) => r.quality), ...(l.analysis ? ['analysis'] : [])].sort());

describe('planLanes', () => {
  it('puts every rendition and the analysis in exactly one lane', () => {
    for (const cores of [1, 2, 3, 8, 64]) {
      const lanes = planLanes(RENDITIONS, cores);
      expect(lanes.length).toBe(Math.min(cores, RENDITIONS.length + 1));
      expect(names(lanes).flat().sort()).toEqual(['analysis', 'high', 'lossless', 'low', 'normal']);
      expect(lanes.filter((l) => l.analysis)).toHaveLength(1);
    }
  });

  it('runs everything in one process on one core, and balances the opus encodes over two', () => {
    expect(names(planLanes(RENDITIONS, 1))).toEqual([['analysis', 'high', 'lossless', 'low', 'normal']]);
    const two = planLanes(RENDITIONS, 2);
    // The two heaviest encodes (320 and 160 kbps) never share a lane.
    expect(two.find((l) => l.renditions.some((r) => r.quality === 'high'))?.renditions.some((r) => r.quality === 'normal')).toBe(false);
    expect(planLanes(RENDITIONS, 0)).toHaveLength(1);
  });

  it('encodes Opus as stereo Ogg at the rendition bitrate, FLAC losslessly', () => {
    expect(codecArgs(RENDITIONS[0]!)).toEqual(['-ac', '2', '-c:a', 'libopus', '-b:a', '96k', '-vbr', 'on', '-f', 'ogg']);
    expect(codecArgs(RENDITIONS[3]!)).toContain('flac');
  });
});
