import { memo } from 'react';
import type { TrackSnapshot } from '@encore/shared/project/read/snapshot';
import { DEVICE_KINDS, type DeviceKind } from '@encore/shared/project/schema/deviceKinds';
import { cx, focusRing } from '../../../ui/cx';
import { Fader } from '../../../ui/Fader';
import { Knob } from '../../../ui/Knob';
import { Meter } from '../../../ui/Meter';
import { ToggleButton } from '../../../ui/ToggleButton';
import { TrackKindIcon } from '../arrangement/TrackHeader';
import { useTrackLevel } from '../audio/useAudio';
import { useEditor, useProject, useStudio } from '../editor/StudioContext';
import { dbToFader, faderToDb, formatDb, formatPan } from '../model/mixerScale';

export const DEVICE_NAMES: Record<DeviceKind, string> = {
  eq: 'EQ',
  compressor: 'Compressor',
  limiter: 'Limiter',
  reverb: 'Reverb',
  delay: 'Delay',
  chorus: 'Chorus',
  distortion: 'Distortion',
  filter: 'Filter',
  gate: 'Gate',
};

const FADER_HEIGHT = 124;

/** The effect chain of a track, as slots: open one in the device panel, bypass it, add one. */
function DeviceSlots({ track }: { track: TrackSnapshot }) {
  const { session, editor, edit } = useStudio();
  const selectedDeviceId = useEditor((s) => s.selectedDeviceId);
  return (
    <div className="flex flex-col gap-0.5">
      {track.devices.map((d) => (
        <div key={d.id} className={cx('flex h-6 items-center gap-1 rounded border px-1', d.id === selectedDeviceId ? 'border-accent bg-accent-soft' : 'border-line bg-canvas')}>
          <button
            type="button"
            aria-label={`${d.bypass ? 'Enable' : 'Bypass'} ${DEVICE_NAMES[d.kind]} on ${track.name}`}
            aria-pressed={!d.bypass}
            data-testid={`device-power-${track.name}-${d.kind}`}
            onClick={() => edit(() => session.api.setBypass({ trackId: track.id, deviceId: d.id, bypass: !d.bypass }))}
            className={cx('size-2.5 shrink-0 rounded-full', d.bypass ? 'bg-[#3a3f4e]' : 'bg-ok shadow-[0_0_4px_#4ade80]', focusRing)}
          />
          <button
            type="button"
            data-testid={`device-slot-${track.name}-${d.kind}`}
            onClick={() => editor.setState({ selectedTrackId: track.id, selectedDeviceId: d.id, panel: 'devices' })}
            className={cx('min-w-0 flex-1 truncate text-left text-[11px]', d.bypass ? 'text-ink-faint line-through' : 'text-ink', focusRing)}
          >
            {DEVICE_NAMES[d.kind]}
          </button>
        </div>
      ))}
      <select
        aria-label={`Add an effect to ${track.name}`}
        value=""
        onChange={(e) =>
          edit(() => {
            const id = session.api.addDevice({ trackId: track.id, kind: e.target.value as DeviceKind });
            editor.setState({ selectedTrackId: track.id, selectedDeviceId: id });
          })
        }
        className={cx('h-6 rounded border border-dashed border-line bg-transparent px-1 text-[11px] text-ink-faint hover:border-line-strong hover:text-ink', focusRing)}
      >
        <option value="">+ Effect</option>
        {DEVICE_KINDS.map((k) => (
          <option key={k} value={k}>
            {DEVICE_NAMES[k]}
          </option>
        ))}
      </select>
    </div>
  );
}

/** One channel strip: devices, sends, pan, fader with meter, mute/solo and the name. */
export const ChannelStrip = memo(function ChannelStrip({ track, buses, selected }: { track: TrackSnapshot; buses: readonly TrackSnapshot[]; selected: boolean }) {
  const { session, editor, edit } = useStudio();
  const level = useTrackLevel(track.id);
  const api = session.api;
  const trackId = track.id;
  const isMaster = track.kind === 'master';
  return (
    <div
      data-testid={`strip-${track.name}`}
      onPointerDown={() => editor.setState({ selectedTrackId: trackId })}
      className={cx('flex w-[112px] shrink-0 flex-col gap-1.5 overflow-y-auto border-r border-line px-2 pt-0 pb-2', selected ? 'bg-[#1f2230]' : 'bg-surface', isMaster && 'ml-auto border-l')}
    >
      <div className="-mx-2 flex h-7 items-center justify-center gap-1 border-b border-line px-1 text-[11px] font-semibold" style={{ color: track.color, boxShadow: `inset 0 2px 0 ${track.color}` }}>
        <TrackKindIcon track={track} />
        <span className="truncate text-ink">{track.name}</span>
      </div>
      <DeviceSlots track={track} />
      {!isMaster && buses.length > 0 && (
        <div className="flex flex-wrap gap-1.5 border-t border-line pt-2">
          {buses
            .filter((b) => b.id !== trackId)
            .map((bus) => {
              const send = track.sends.find((s) => s.targetTrackId === bus.id);
              return (
                <div key={bus.id} className="flex flex-col items-center gap-0.5" title={`Send to ${bus.name}`}>
                  <Knob
                    size={26}
                    label={`Send from ${track.name} to ${bus.name}`}
                    value={send ? dbToFader(send.levelDb) : 0}
                    display={send ? formatDb(send.levelDb) : 'off'}
                    format={(v) => formatDb(faderToDb(v))}
                    color={bus.color}
                    onCommit={(v) =>
                      edit(() => {
                        if (send) api.setSendLevel({ trackId, sendId: send.id, levelDb: faderToDb(v) });
                        else api.addSend({ trackId, targetTrackId: bus.id, levelDb: faderToDb(v) });
                      })
                    }
                  />
                  <span className="max-w-12 truncate text-[9px] text-ink-faint">{bus.name}</span>
                </div>
              );
            })}
        </div>
      )}
      <div className="mt-auto flex items-center justify-center gap-2 border-t border-line pt-2">
        <Knob
          size={30}
          label={`Pan of ${track.name}`}
          value={(track.pan + 1) / 2}
          origin={0.5}
          display={formatPan(track.pan)}
          format={(v) => formatPan(v * 2 - 1)}
          defaultValue={0.5}
          onCommit={(v) => edit(() => api.setPan({ trackId, pan: Math.round((v * 2 - 1) * 100) / 100 }))}
        />
        <span className="font-mono text-[10px] text-ink-muted">{formatPan(track.pan)}</span>
      </div>
      <div className="flex items-end justify-center gap-2">
        <Fader
          height={FADER_HEIGHT}
          label={`Volume of ${track.name}`}
          testId={`fader-${track.name}`}
          value={dbToFader(track.volumeDb)}
          unity={dbToFader(0)}
          display={formatDb(track.volumeDb)}
          format={(v) => formatDb(faderToDb(v))}
          onCommit={(v) => edit(() => api.setVolume({ trackId, volumeDb: faderToDb(v) }))}
        />
        <div className="flex gap-0.5">
          <Meter height={FADER_HEIGHT} levelDb={level?.[0] ?? null} testId={`meter-${track.name}`} />
          <Meter height={FADER_HEIGHT} levelDb={level?.[1] ?? null} testId={`meter-${track.name}-right`} />
        </div>
      </div>
      <div className="flex items-center justify-center gap-1">
        <span className="mr-auto font-mono text-[10px] whitespace-nowrap text-ink tabular-nums" data-testid={`volume-${track.name}`}>
          {formatDb(track.volumeDb)}
        </span>
        <ToggleButton tone="mute" pressed={track.mute} aria-label={`Mute ${track.name}`} data-testid={`mixer-mute-${track.name}`} onChange={(value) => edit(() => api.setMute({ trackId, value }))}>
          M
        </ToggleButton>
        {!isMaster && (
          <ToggleButton tone="solo" pressed={track.solo} aria-label={`Solo ${track.name}`} data-testid={`mixer-solo-${track.name}`} onChange={(value) => edit(() => api.setSolo({ trackId, value }))}>
            S
          </ToggleButton>
        )}
      </div>
    </div>
  );
});

/** The mixer: a strip per track in arrangement order, the master at the right. */
export function Mixer() {
  const tracks = useProject((s) => s.snapshot.tracks);
  const master = useProject((s) => s.snapshot.master);
  const selectedTrackId = useEditor((s) => s.selectedTrackId);
  const buses = tracks.filter((t) => t.kind === 'bus');
  return (
    <div data-testid="mixer" className="flex h-full min-w-0 overflow-x-auto overflow-y-hidden bg-canvas">
      {tracks.map((t) => (
        <ChannelStrip key={t.id} track={t} buses={buses} selected={t.id === selectedTrackId} />
      ))}
      {master && <ChannelStrip track={master} buses={buses} selected={master.id === selectedTrackId} />}
    </div>
  );
}
