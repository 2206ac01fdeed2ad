import type { TrackSnapshot } from '@encore/shared/project/read/snapshot';
import type { DeviceWithParams } from '@encore/shared/project/schema/device';
import { DEVICE_KINDS, DEVICE_PARAMS, type DeviceKind, type ParamSpec } from '@encore/shared/project/schema/deviceKinds';
import { cx, focusRing } from '../../../ui/cx';
import { Knob } from '../../../ui/Knob';
import { useEditor, useProject, useStudio } from '../editor/StudioContext';
import { DEVICE_NAMES } from '../mixer/Mixer';
import { formatParam, normToParam, paramLabel, paramToNorm } from '../model/mixerScale';
import { findTrack } from '../model/projectSession';
import { InstrumentPicker } from './InstrumentPicker';
import { PresetSelect } from './PresetSelect';
import { SidechainSelect } from './SidechainSelect';

const select = cx('h-7 rounded-md border border-line bg-raised px-2 text-xs text-ink hover:border-line-strong', focusRing);

function ParamControl({ track, device, spec }: { track: TrackSnapshot; device: DeviceWithParams; spec: ParamSpec }) {
  const { session, edit } = useStudio();
  const value = device.params[spec.id] ?? spec.default;
  const commit = (v: number) => {
    if (v !== value) edit(() => session.api.setParam({ trackId: track.id, deviceId: device.id, paramId: spec.id, value: v }));
  };
  const label = paramLabel(spec.id);
  // Discrete params with few steps (filter mode, delay sync) are segmented buttons.
  if (spec.step !== undefined && (spec.max - spec.min) / spec.step <= 4) {
    const options = Array.from({ length: Math.round((spec.max - spec.min) / spec.step) + 1 }, (_, i) => spec.min + i * (spec.step ?? 1));
    return (
      <div className="flex flex-col items-center gap-1" data-testid={`param-${spec.id}`}>
        <div className="flex overflow-hidden rounded-md border border-line" role="radiogroup" aria-label={label}>
          {options.map((o) => (
            <button key={o} type="button" role="radio" aria-checked={o === value} onClick={() => commit(o)} className={cx('h-7 px-2 text-[11px]', o === value ? 'bg-accent text-accent-ink font-semibold' : 'bg-raised text-ink-muted hover:text-ink', focusRing)}>
              {formatParam(spec, o)}
            </button>
          ))}
        </div>
        <span className="text-[10px] text-ink-faint">{label}</span>
      </div>
    );
  }
  return (
    <div className="flex w-[72px] flex-col items-center gap-1" data-testid={`param-${spec.id}`}>
      <Knob
        size={40}
        label={label}
        testId={`knob-${spec.id}`}
        value={paramToNorm(spec, value)}
        display={formatParam(spec, value)}
        format={(n) => formatParam(spec, normToParam(spec, n))}
        defaultValue={paramToNorm(spec, spec.default)}
        origin={spec.unit === 'dB' && spec.min < 0 && spec.max > 0 ? paramToNorm(spec, 0) : 0}
        onCommit={(n) => commit(normToParam(spec, n))}
      />
      <span className="font-mono text-[11px] text-ink tabular-nums" data-testid={`value-${spec.id}`}>
        {formatParam(spec, value)}
      </span>
      <span className="text-center text-[10px] leading-tight text-ink-faint">{label}</span>
    </div>
  );
}

function DeviceCard({ track, device, selected }: { track: TrackSnapshot; device: DeviceWithParams; selected: boolean }) {
  const { session, editor, edit } = useStudio();
  return (
    <section
      data-testid={`device-${device.kind}`}
      aria-label={`${DEVICE_NAMES[device.kind]} on ${track.name}`}
      onPointerDown={() => editor.setState({ selectedDeviceId: device.id })}
      className={cx('flex shrink-0 flex-col self-start rounded-lg border bg-surface', selected ? 'border-accent/70 shadow-[0_0_0_1px_#8b7bff55]' : 'border-line', device.bypass && 'opacity-60')}
    >
      <header className="flex h-9 items-center gap-2 border-b border-line px-2.5">
        <button
          type="button"
          aria-label={device.bypass ? 'Enable device' : 'Bypass device'}
          aria-pressed={!device.bypass}
          data-testid={`device-bypass-${device.kind}`}
          onClick={() => edit(() => session.api.setBypass({ trackId: track.id, deviceId: device.id, bypass: !device.bypass }))}
          className={cx('size-3 rounded-full border', device.bypass ? 'border-line-strong bg-transparent' : 'border-ok bg-ok shadow-[0_0_6px_#4ade80]', focusRing)}
        />
        <h3 className="text-[13px] font-semibold">{DEVICE_NAMES[device.kind]}</h3>
        <div className="ml-auto">
          <PresetSelect track={track} device={device} />
        </div>
        <button
          type="button"
          aria-label={`Remove ${DEVICE_NAMES[device.kind]}`}
          title="Remove device"
          onClick={() => edit(() => session.api.removeDevice({ trackId: track.id, deviceId: device.id }))}
          className={cx('rounded px-1.5 text-ink-faint hover:bg-raised hover:text-danger', focusRing)}
        >
          ×
        </button>
      </header>
      <div className="flex max-w-[620px] flex-1 flex-wrap content-start items-start gap-x-2 gap-y-4 p-3">
        {DEVICE_PARAMS[device.kind].map((spec) => (
          <ParamControl key={spec.id} track={track} device={device} spec={spec} />
        ))}
      </div>
      <SidechainSelect track={track} device={device} />
    </section>
  );
}

/**
 * The selected track's instrument (synth, GM program, drum kit) and effect chain: each device
 * with bypass, presets (factory and the user's), its params as knobs and, for dynamics, the
 * sidechain source.
 */
export function DevicePanel() {
  const { session, editor, edit } = useStudio();
  const trackId = useEditor((s) => s.selectedTrackId);
  const selectedDeviceId = useEditor((s) => s.selectedDeviceId);
  const track = useProject((s) => (trackId ? findTrack(s.snapshot, trackId) : undefined));
  if (!track) return <div className="flex h-full items-center justify-center text-sm text-ink-faint">Select a track to see its effects.</div>;
  return (
    <div data-testid="device-panel" className="flex h-full min-w-0 flex-col">
      <div className="flex h-10 shrink-0 items-center gap-2 border-b border-line bg-shell px-3">
        <span className="size-2.5 rounded-full" style={{ background: track.color }} />
        <span className="text-[13px] font-semibold">{track.name}</span>
        <span className="text-xs text-ink-faint">
          {track.devices.length} effect{track.devices.length === 1 ? '' : 's'}
        </span>
        <InstrumentPicker track={track} />
        <select
          aria-label="Add an effect"
          data-testid="add-device"
          value=""
          className={cx(select, 'ml-auto')}
          onChange={(e) =>
            edit(() => {
              const id = session.api.addDevice({ trackId: track.id, kind: e.target.value as DeviceKind });
              editor.setState({ selectedDeviceId: id });
            })
          }
        >
          <option value="">+ Add effect</option>
          {DEVICE_KINDS.map((k) => (
            <option key={k} value={k}>
              {DEVICE_NAMES[k]}
            </option>
          ))}
        </select>
      </div>
      <div className="flex min-h-0 flex-1 gap-3 overflow-x-auto p-3">
        {track.devices.length === 0 && <div className="m-auto text-sm text-ink-faint">No effects on {track.name} yet. Add one with “+ Add effect”.</div>}
        {track.devices.map((d) => (
          <DeviceCard key={d.id} track={track} device={d} selected={d.id === selectedDeviceId} />
        ))}
      </div>
    </div>
  );
}
