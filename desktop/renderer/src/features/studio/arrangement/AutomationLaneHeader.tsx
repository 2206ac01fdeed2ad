import { memo } from 'react';
import type { AutomationLaneSnapshot } from '@encore/shared/project/read/snapshot';
import type { AutomationCurve } from '@encore/shared/project/schema/automationPoint';
import { cx, focusRing } from '../../../ui/cx';
import { useEditor, useStudio } from '../editor/StudioContext';
import type { LaneTarget } from '../model/automationTargets';
import { replaceShownLane, setLaneShown } from '../model/editorStore';

const CURVES: { id: AutomationCurve; label: string }[] = [
  { id: 'linear', label: 'Linear' },
  { id: 'exponential', label: 'Exponential' },
  { id: 'bezier', label: 'Curve' },
  { id: 'hold', label: 'Step' },
];

const field = cx('h-6 min-w-0 rounded border border-line bg-raised px-1 text-[11px] text-ink hover:border-line-strong', focusRing);

/**
 * The header of an automation lane: which target it drives (every mixer, send and device
 * param of the track), on/off, and the curve and value of the selected point's segment.
 */
export const AutomationLaneHeader = memo(function AutomationLaneHeader({
  trackId,
  target,
  targets,
  lane,
  height,
}: {
  trackId: string;
  target: LaneTarget;
  targets: readonly LaneTarget[];
  lane: AutomationLaneSnapshot | undefined;
  height: number;
}) {
  const { session, editor, edit } = useStudio();
  const selectedId = useEditor((s) => (s.selectedPoint?.trackId === trackId ? s.selectedPoint.pointId : null));
  const point = lane?.points.find((p) => p.id === selectedId);
  const groups = [...new Set(targets.map((t) => t.group))];
  const enabled = lane?.enabled ?? true;
  return (
    <div data-testid={`automation-header-${target.key}`} className="flex flex-col justify-center gap-1 border-b border-line/70 bg-[#15171e] py-1 pr-2 pl-4" style={{ height }}>
      <div className="flex items-center gap-1">
        <select aria-label="Automated parameter" className={cx(field, 'flex-1')} value={target.key} onChange={(e) => replaceShownLane(editor, trackId, target.key, e.target.value)}>
          {groups.map((g) => (
            <optgroup key={g} label={g}>
              {targets
                .filter((t) => t.group === g)
                .map((t) => (
                  <option key={t.key} value={t.key}>
                    {t.label}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
        <button
          type="button"
          aria-pressed={enabled}
          aria-label={enabled ? `Turn off ${target.label} automation` : `Turn on ${target.label} automation`}
          title={enabled ? 'Automation on (click: play the manual value)' : 'Automation off'}
          disabled={!lane}
          onClick={() => edit(() => session.api.setLaneEnabled({ trackId, target: target.target, enabled: !enabled }))}
          className={cx('h-6 rounded px-1 text-[10px] font-semibold disabled:opacity-40', enabled ? 'bg-accent/80 text-accent-ink' : 'bg-raised text-ink-faint', focusRing)}
        >
          ON
        </button>
        <button type="button" aria-label={`Hide the ${target.label} lane`} title="Hide lane" onClick={() => setLaneShown(editor, trackId, target.key, false)} className={cx('h-6 rounded px-1 text-ink-faint hover:bg-raised hover:text-ink', focusRing)}>
          ×
        </button>
      </div>
      {point ? (
        <div className="flex items-center gap-1">
          <select
            aria-label="Curve of the selected segment"
            data-testid="automation-curve"
            className={cx(field, 'flex-1')}
            value={point.curve}
            onChange={(e) => edit(() => session.api.movePoint({ trackId, pointId: point.id, curve: e.target.value as AutomationCurve }))}
          >
            {CURVES.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
          {point.curve === 'bezier' && (
            <input
              type="range"
              aria-label="Curve tension"
              min={-1}
              max={1}
              step={0.1}
              defaultValue={point.tension}
              onPointerUp={(e) => edit(() => session.api.movePoint({ trackId, pointId: point.id, tension: Number((e.target as HTMLInputElement).value) }))}
              onKeyUp={(e) => edit(() => session.api.movePoint({ trackId, pointId: point.id, tension: Number((e.target as HTMLInputElement).value) }))}
              className="w-14 accent-accent"
            />
          )}
          <span className="font-mono text-[10px] text-ink tabular-nums" data-testid="automation-point-value">
            {target.format(point.value)}
          </span>
        </div>
      ) : (
        <span className="truncate text-[10px] text-ink-faint">{lane?.points.length ? `${lane.points.length} points · click one to edit` : 'Click in the lane to add a point'}</span>
      )}
    </div>
  );
});
