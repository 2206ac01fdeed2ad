import { useState } from 'react';
import { useStore } from 'zustand';
import type { TrackSnapshot } from '@encore/shared/project/read/snapshot';
import type { DeviceWithParams } from '@encore/shared/project/schema/device';
import { DEVICE_PRESETS, defaultParams } from '@encore/shared/project/schema/deviceKinds';
import { cx, focusRing } from '../../../ui/cx';
import { useStudio } from '../editor/StudioContext';
import { deleteUserPreset, matchingUserPreset, saveUserPreset, userPresets, validPresetParams } from './userPresets';

const select = cx('h-7 max-w-40 rounded-md border border-line bg-raised px-2 text-xs text-ink hover:border-line-strong', focusRing);
const button = cx('h-7 rounded-md px-1.5 text-[11px] text-ink-faint hover:bg-raised hover:text-ink', focusRing);

/**
 * A device's presets: the factory presets of its kind and the user's own (saved on this
 * machine, for every project). Applying a user preset writes all its params in one transaction:
 * one undo step, like a factory preset.
 */
export function PresetSelect({ track, device }: { track: TrackSnapshot; device: DeviceWithParams }) {
  const { session, edit } = useStudio();
  const mine = useStore(userPresets, (s) => s[device.kind]);
  const [naming, setNaming] = useState(false);
  const factory = Object.keys(DEVICE_PRESETS[device.kind]);
  const user = Object.keys(mine ?? {}).sort();
  const matched = device.preset ? `factory:${device.preset}` : (() => {
    const name = matchingUserPreset(mine, device.params);
    return name ? `user:${name}` : '';
  })();

  const apply = (value: string) => {
    const [source, ...rest] = value.split(':');
    const name = rest.join(':');
    if (source === 'factory') return edit(() => session.api.applyPreset({ trackId: track.id, deviceId: device.id, preset: name }));
    const values = { ...defaultParams(device.kind), ...validPresetParams(device.kind, mine?.[name] ?? {}) };
    edit(() =>
      session.doc.transact(() => {
        for (const [paramId, v] of Object.entries(values)) {
          if (device.params[paramId] !== v) session.api.setParam({ trackId: track.id, deviceId: device.id, paramId, value: v });
        }
      }, session.api.origin),
    );
  };

  if (naming) {
    return (
      <input
        autoFocus
        aria-label="Preset name"
        data-testid="preset-name"
        placeholder="Preset name"
        maxLength={60}
        onBlur={() => setNaming(false)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setNaming(false);
          if (e.key !== 'Enter') return;
          const name = (e.target as HTMLInputElement).value.trim();
          if (name) saveUserPreset(userPresets, device.kind, name, device.params);
          setNaming(false);
        }}
        className={cx('h-7 w-32 rounded-md border border-line bg-canvas px-2 text-xs text-ink', focusRing)}
      />
    );
  }
  return (
    <div className="flex items-center gap-0.5">
      <select aria-label="Preset" data-testid={`preset-${device.kind}`} className={select} value={matched} onChange={(e) => e.target.value && apply(e.target.value)}>
        <option value="">Custom</option>
        <optgroup label="Factory">
          {factory.map((p) => (
            <option key={p} value={`factory:${p}`}>
              {p}
            </option>
          ))}
        </optgroup>
        {user.length > 0 && (
          <optgroup label="My presets">
            {user.map((p) => (
              <option key={p} value={`user:${p}`}>
                {p}
              </option>
            ))}
          </optgroup>
        )}
      </select>
      <button type="button" className={button} title="Save these settings as a preset" aria-label="Save preset" data-testid={`save-preset-${device.kind}`} onClick={() => setNaming(true)}>
        Save
      </button>
      {matched.startsWith('user:') && (
        <button type="button" className={button} title="Delete this preset" aria-label="Delete preset" onClick={() => deleteUserPreset(userPresets, device.kind, matched.slice(5))}>
          ×
        </button>
      )}
    </div>
  );
}
