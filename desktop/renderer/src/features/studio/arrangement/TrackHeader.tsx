import { memo, useState, type PointerEvent } from 'react';
import type { TrackSnapshot } from '@encore/shared/project/read/snapshot';
import { cx, focusRing } from '../../../ui/cx';
import { Knob } from '../../../ui/Knob';
import { ToggleButton } from '../../../ui/ToggleButton';
import { useEditor, useStudio } from '../editor/StudioContext';
import { defaultShownLanes } from '../model/automationTargets';
import { dbToFader, faderToDb, formatDb, formatPan } from '../model/mixerScale';
import { BusIcon, DrumIcon, MasterIcon, PianoKeysIcon, WaveIcon } from '../studioIcons';

export function TrackKindIcon({ track }: { track: Pick<TrackSnapshot, 'kind' | 'instrument'> }) {
  if (track.kind === 'audio') return <WaveIcon />;
  if (track.kind === 'bus') return <BusIcon />;
  if (track.kind === 'master') return <MasterIcon />;
  return track.instrument?.kind === 'drums' ? <DrumIcon /> : <PianoKeysIcon />;
}

const KIND_LABELS = { audio: 'Audio track', instrument: 'Instrument track', bus: 'Return track', master: 'Master' } as const;

export interface TrackHeaderProps {
  track: TrackSnapshot;
  selected: boolean;
  height: number;
  /** The grip was pressed: the arrangement follows the drag and reorders on release. */
  onGripDown?: (e: PointerEvent<HTMLElement>, trackId: string) => void;
}

/**
 * A track's header: reorder grip, colour, kind, name (double-click to rename), mute/solo/arm,
 * the automation lanes toggle, volume and pan.
 */
export const TrackHeader = memo(function TrackHeader({ track, selected, height, onGripDown }: TrackHeaderProps) {
  const { session, editor, edit } = useStudio();
  const [renaming, setRenaming] = useState(false);
  const api = session.api;
  const trackId = track.id;
  const lanesShown = useEditor((s) => (s.shownLanes[trackId]?.length ?? 0) > 0);
  const toggleLanes = () => editor.setState((s) => ({ shownLanes: { ...s.shownLanes, [trackId]: lanesShown ? [] : defaultShownLanes(track) } }));
  return (
    <div
      data-testid={`track-header-${track.name}`}
      data-track-id={track.id}
      aria-selected={selected}
      onPointerDown={() => editor.setState({ selectedTrackId: trackId })}
      className={cx('relative flex border-b border-line pr-2 pl-0 transition-colors', selected ? 'bg-[#232634]' : 'bg-surface hover:bg-[#1b1e27]')}
      style={{ height }}
    >
      <label className="relative w-1.5 shrink-0 cursor-pointer" style={{ background: track.color, position: 'relative' }} title="Track colour">
        <input
          type="color"
          aria-label={`Colour of ${track.name}`}
          value={track.color}
          onChange={(e) => edit(() => api.setTrackColor({ trackId, color: e.target.value.toLowerCase() }))}
          className="absolute inset-0 cursor-pointer opacity-0"
          // Inline too: the swatch input must never cover neighbouring controls, styled or not.
          style={{ position: 'absolute', inset: 0, width: '100%', height: '100%', opacity: 0 }}
        />
      </label>
      {onGripDown && (
        <div
          role="button"
          tabIndex={-1}
          aria-label={`Drag to reorder ${track.name}`}
          title="Drag to reorder"
          data-testid={`track-grip-${track.name}`}
          onPointerDown={(e) => onGripDown(e, trackId)}
          className="flex w-3 shrink-0 cursor-grab items-center justify-center text-[10px] leading-none text-ink-faint hover:text-ink active:cursor-grabbing"
        >
          ⋮⋮
        </div>
      )}
      <div className="flex min-w-0 flex-1 flex-col justify-center gap-1.5 pl-1">
        <div className="flex min-w-0 items-center gap-1.5">
          <span className="shrink-0" style={{ color: track.color }} title={KIND_LABELS[track.kind]}>
            <TrackKindIcon track={track} />
          </span>
          {renaming ? (
            <input
              autoFocus
              aria-label="Track name"
              defaultValue={track.name}
              onBlur={(e) => {
                setRenaming(false);
                const name = e.target.value.trim();
                if (name && name !== track.name) edit(() => api.renameTrack({ trackId, name }));
              }}
              onKeyDown={(e) => {
                if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
                if (e.key === 'Escape') setRenaming(false);
              }}
              className={cx('h-6 min-w-0 flex-1 rounded bg-canvas px-1 text-[13px]', focusRing)}
            />
          ) : (
            <span className="min-w-0 flex-1 truncate text-[13px] font-medium text-ink" onDoubleClick={() => setRenaming(true)} title="Double-click to rename">
              {track.name}
            </span>
          )}
        </div>
        <div className="flex items-center gap-1">
          <ToggleButton size="xs" tone="mute" pressed={track.mute} aria-label={`Mute ${track.name}`} data-testid={`mute-${track.name}`} onChange={(value) => edit(() => api.setMute({ trackId, value }))}>
            M
          </ToggleButton>
          <ToggleButton size="xs" tone="solo" pressed={track.solo} aria-label={`Solo ${track.name}`} data-testid={`solo-${track.name}`} onChange={(value) => edit(() => api.setSolo({ trackId, value }))}>
            S
          </ToggleButton>
          {track.kind !== 'bus' && (
            <ToggleButton size="xs" tone="arm" pressed={track.arm} aria-label={`Arm ${track.name} for recording`} data-testid={`arm-${track.name}`} onChange={(value) => edit(() => api.setArm({ trackId, value }))}>
              ●
            </ToggleButton>
          )}
          <ToggleButton size="xs" pressed={lanesShown} aria-label={`Automation lanes of ${track.name}`} title="Show automation lanes" data-testid={`automation-${track.name}`} onChange={toggleLanes}>
            A
          </ToggleButton>
          <div className="ml-auto flex items-center gap-1.5">
            <Knob
              size={22}
              label={`Volume of ${track.name}`}
              value={dbToFader(track.volumeDb)}
              display={formatDb(track.volumeDb)}
              format={(v) => formatDb(faderToDb(v))}
              defaultValue={dbToFader(0)}
              color={track.color}
              onCommit={(v) => edit(() => api.setVolume({ trackId, volumeDb: faderToDb(v) }))}
            />
            <Knob
              size={22}
              label={`Pan of ${track.name}`}
              value={(track.pan + 1) / 2}
              origin={0.5}
              display={formatPan(track.pan)}
              format={(v) => formatPan(v * 2 - 1)}
              defaultValue={0.5}
              color={track.color}
              onCommit={(v) => edit(() => api.setPan({ trackId, pan: Math.round((v * 2 - 1) * 100) / 100 }))}
            />
          </div>
        </div>
      </div>
    </div>
  );
});
