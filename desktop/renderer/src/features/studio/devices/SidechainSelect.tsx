import type { TrackSnapshot } from '@encore/shared/project/read/snapshot';
import type { DeviceWithParams } from '@encore/shared/project/schema/device';
import { SIDECHAIN_KINDS } from '@encore/shared/project/schema/deviceKinds';
import { cx, focusRing } from '../../../ui/cx';
import { useProject, useStudio } from '../editor/StudioContext';

/**
 * The sidechain input of a compressor or gate: its own signal, or another track's (the engine
 * feeds that track's post-fader signal to the detector). One setSidechain per change.
 */
export function SidechainSelect({ track, device }: { track: TrackSnapshot; device: DeviceWithParams }) {
  const { session, edit } = useStudio();
  const tracks = useProject((s) => s.snapshot.tracks);
  if (!SIDECHAIN_KINDS.has(device.kind)) return null;
  return (
    <label className="flex items-center gap-1.5 border-t border-line px-2.5 py-1.5 text-[11px] text-ink-faint">
      Sidechain
      <select
        aria-label="Sidechain source"
        data-testid={`sidechain-${device.kind}`}
        value={device.sidechainTrackId ?? ''}
        onChange={(e) => edit(() => session.api.setSidechain({ trackId: track.id, deviceId: device.id, sourceTrackId: e.target.value || null }))}
        className={cx('h-6 flex-1 rounded border border-line bg-raised px-1 text-[11px] text-ink hover:border-line-strong', focusRing)}
      >
        <option value="">Off (its own input)</option>
        {tracks
          .filter((t) => t.id !== track.id)
          .map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
      </select>
    </label>
  );
}
