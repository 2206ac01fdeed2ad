import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { cx, focusRing } from './cx';

export interface KnobProps {
  /** Knob travel, 0…1. */
  value: number;
  /** Called once per gesture (on release, on a key press) with the new travel. */
  onCommit(value: number): void;
  label: string;
  /** The value as text with its unit, e.g. "2.00 kHz". */
  display: string;
  /** Formats a travel while dragging (the preview). */
  format?(value: number): string;
  /** Where the arc starts: 0 for one-sided values, 0.5 for pan. */
  origin?: number;
  size?: number;
  /** Travel restored by a double-click. */
  defaultValue?: number;
  testId?: string;
  color?: string;
}

const ARC = 270;

function arcPath(size: number, from: number, to: number): string {
  const r = size / 2 - 3;
  const c = size / 2;
  const angle = (t: number) => ((-ARC / 2 + t * ARC - 90) * Math.PI) / 180;
  const a0 = angle(Math.min(from, to));
  const a1 = angle(Math.max(from, to));
  const large = (Math.max(from, to) - Math.min(from, to)) * ARC > 180 ? 1 : 0;
  return `M ${c + r * Math.cos(a0)} ${c + r * Math.sin(a0)} A ${r} ${r} 0 ${large} 1 ${c + r * Math.cos(a1)} ${c + r * Math.sin(a1)}`;
}

/**
 * A rotary control: drag up/down (Shift for fine), arrow keys, double-click for the default.
 * It previews while dragging and commits once on release, so one turn is one undo step.
 */
export function Knob({ value, onCommit, label, display, format, origin = 0, size = 36, defaultValue, testId, color = 'var(--color-accent)' }: KnobProps) {
  const [preview, setPreview] = useState<number | null>(null);
  const startRef = useRef<{ y: number; value: number } | null>(null);
  const shown = preview ?? value;

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    startRef.current = { y: e.clientY, value };
    const move = (ev: globalThis.PointerEvent) => {
      const start = startRef.current;
      if (!start) return;
      const scale = ev.shiftKey ? 1000 : 200;
      setPreview(Math.min(1, Math.max(0, start.value + (start.y - ev.clientY) / scale)));
    };
    const up = (ev: globalThis.PointerEvent) => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      const start = startRef.current;
      startRef.current = null;
      setPreview(null);
      if (!start) return;
      const next = Math.min(1, Math.max(0, start.value + (start.y - ev.clientY) / (ev.shiftKey ? 1000 : 200)));
      if (next !== start.value) onCommit(next);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? 0.01 : 0.05;
    if (e.key === 'ArrowUp' || e.key === 'ArrowRight') onCommit(Math.min(1, value + step));
    else if (e.key === 'ArrowDown' || e.key === 'ArrowLeft') onCommit(Math.max(0, value - step));
    else return;
    e.preventDefault();
  };
  const angle = -ARC / 2 + shown * ARC;
  return (
    <div
      role="slider"
      tabIndex={0}
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={1}
      aria-valuenow={Number(shown.toFixed(3))}
      aria-valuetext={preview !== null && format ? format(preview) : display}
      title={`${label}: ${preview !== null && format ? format(preview) : display}`}
      data-testid={testId}
      className={cx('relative shrink-0 cursor-ns-resize touch-none rounded-full', focusRing)}
      style={{ width: size, height: size }}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
      onDoubleClick={() => defaultValue !== undefined && onCommit(defaultValue)}
    >
      <svg width={size} height={size} aria-hidden>
        <path d={arcPath(size, 0, 1)} stroke="#2f3441" strokeWidth={3} fill="none" strokeLinecap="round" />
        {Math.abs(shown - origin) > 0.001 && <path d={arcPath(size, origin, shown)} stroke={color} strokeWidth={3} fill="none" strokeLinecap="round" />}
        <circle cx={size / 2} cy={size / 2} r={size / 2 - 7} fill="#262a35" stroke="#3a3f4e" />
        <line
          x1={size / 2}
          y1={size / 2}
          x2={size / 2 + (size / 2 - 9) * Math.sin((angle * Math.PI) / 180)}
          y2={size / 2 - (size / 2 - 9) * Math.cos((angle * Math.PI) / 180)}
          stroke="#eceef3"
          strokeWidth={2}
          strokeLinecap="round"
        />
      </svg>
    </div>
  );
}
