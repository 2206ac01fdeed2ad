import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { cx, focusRing } from './cx';

export interface FaderProps {
  /** Travel, 0 (bottom) … 1 (top). */
  value: number;
  onCommit(value: number): void;
  label: string;
  display: string;
  format?(value: number): string;
  height?: number;
  /** Travel of 0 dB, marked on the scale and restored by a double-click. */
  unity?: number;
  testId?: string;
}

/** A vertical fader: drag the cap (Shift for fine), arrow keys, double-click for unity. Commits on release. */
export function Fader({ value, onCommit, label, display, format, height = 160, unity, testId }: FaderProps) {
  const [preview, setPreview] = useState<number | null>(null);
  const trackRef = useRef<HTMLDivElement>(null);
  const shown = preview ?? value;
  const travel = height - 24;

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    const startY = e.clientY;
    const start = value;
    const at = (ev: globalThis.PointerEvent) => Math.min(1, Math.max(0, start + (startY - ev.clientY) / (travel * (ev.shiftKey ? 5 : 1))));
    const move = (ev: globalThis.PointerEvent) => setPreview(at(ev));
    const up = (ev: globalThis.PointerEvent) => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      setPreview(null);
      const next = at(ev);
      if (next !== start) onCommit(next);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? 0.005 : 0.02;
    if (e.key === 'ArrowUp') onCommit(Math.min(1, value + step));
    else if (e.key === 'ArrowDown') onCommit(Math.max(0, value - step));
    else return;
    e.preventDefault();
  };
  return (
    <div
      ref={trackRef}
      role="slider"
      tabIndex={0}
      aria-orientation="vertical"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={1}
      aria-valuenow={Number(shown.toFixed(3))}
      aria-valuetext={preview !== null && format ? format(preview) : display}
      data-testid={testId}
      className={cx('relative w-8 cursor-ns-resize touch-none rounded', focusRing)}
      style={{ height }}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
      onDoubleClick={() => unity !== undefined && onCommit(unity)}
    >
      <div className="absolute top-3 bottom-3 left-1/2 w-1 -translate-x-1/2 rounded-full bg-[#0a0b0f] shadow-[inset_0_0_0_1px_#2a2e3a]" />
      {unity !== undefined && <div className="absolute left-0 h-px w-2 bg-ink-faint" style={{ bottom: 12 + unity * travel }} />}
      <div
        className="absolute left-1/2 h-6 w-7 -translate-x-1/2 rounded-[3px] border border-[#545a6b] bg-gradient-to-b from-[#4a5061] to-[#2c303b] shadow-md"
        style={{ bottom: shown * travel }}
      >
        <div className="absolute top-1/2 right-1 left-1 h-px bg-ink" />
      </div>
    </div>
  );
}
