import { useMemo } from 'react';
import type { TrackSnapshot } from '@encore/shared/project/read/snapshot';
import { useProject } from '../editor/StudioContext';
import { DEVICE_NAMES } from '../mixer/Mixer';
import { automationTargets, type LaneTarget } from '../model/automationTargets';
import type { TrackBand } from '../model/trackLayout';
import type { TimeScale } from '../model/timeScale';
import { AutomationLaneHeader } from './AutomationLaneHeader';
import { AutomationLaneView } from './AutomationLaneView';

/** The targets of a track's shown lanes (a lane whose device or send is gone is dropped). */
function useShownTargets(track: TrackSnapshot, band: TrackBand): { all: LaneTarget[]; shown: { target: LaneTarget; top: number; height: number }[] } {
  const tracks = useProject((s) => s.snapshot.tracks);
  return useMemo(() => {
    const all = automationTargets(track, tracks, DEVICE_NAMES);
    const shown = band.lanes.flatMap((l) => {
      const target = all.find((t) => t.key === l.key);
      return target ? [{ target, top: l.top, height: l.height }] : [];
    });
    return { all, shown };
  }, [track, tracks, band]);
}

/** The lane headers under a track's header, in the headers column. */
export function TrackAutomationHeaders({ track, band }: { track: TrackSnapshot; band: TrackBand }) {
  const { all, shown } = useShownTargets(track, band);
  return (
    <>
      {shown.map(({ target, height }) => (
        <AutomationLaneHeader key={target.key} trackId={track.id} target={target} targets={all} lane={track.automation.find((l) => l.key === target.key)} height={height} />
      ))}
    </>
  );
}

/** The automation lanes under a track's clips, in the timeline column. */
export function TrackAutomationLanes({ track, band, width, scale }: { track: TrackSnapshot; band: TrackBand; width: number; scale: TimeScale }) {
  const { shown } = useShownTargets(track, band);
  return (
    <>
      {shown.map(({ target, top, height }) => (
        <AutomationLaneView
          key={target.key}
          trackId={track.id}
          color={track.color}
          target={target}
          lane={track.automation.find((l) => l.key === target.key)}
          top={top}
          height={height}
          width={width}
          scale={scale}
        />
      ))}
    </>
  );
}
