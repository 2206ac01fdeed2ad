import { useRef } from 'react';
import type { WaveformPeaks } from '@encore/shared/host/analysis';
import { formatTime } from './format';

const BARS = 120;

/**
 * The seek bar: the track's waveform (peaks from analysis) when known, a plain bar otherwise.
 * Click or drag to seek; arrow keys step 5 s.
 */
export function SeekBar({ position, duration, peaks, onSeek }: { position: number; duration: number; peaks: WaveformPeaks | null; onSeek(sec: number): void }) {
  const ref = useRef<HTMLDivElement>(null);
  const frac = duration > 0 ? Math.min(1, position / duration) : 0;
  const at = (clientX: number) => {
    const r = ref.current!.getBoundingClientRect();
    return Math.min(1, Math.max(0, (clientX - r.left) / r.width)) * duration;
  };
  const bars = peaks ? reduce(peaks, BARS) : null;
  return (
    <div className="flex min-w-0 flex-1 items-center gap-2 text-[11px] tabular-nums text-ink-faint">
      <span data-testid="player-position" className="w-10 text-right">{formatTime(position)}</span>
      <div
        ref={ref}
        role="slider"
        tabIndex={0}
        aria-label="Seek"
        aria-valuemin={0}
        aria-valuemax={Math.round(duration)}
        aria-valuenow={Math.round(position)}
        aria-valuetext={`${formatTime(position)} of ${formatTime(duration)}`}
        data-testid="seek-bar"
        className="relative h-8 flex-1 cursor-pointer"
        onPointerDown={(e) => {
          if (!duration) return;
          e.currentTarget.setPointerCapture(e.pointerId);
          onSeek(at(e.clientX));
        }}
        onPointerMove={(e) => {
          if (e.buttons === 1 && duration && e.currentTarget.hasPointerCapture(e.pointerId)) onSeek(at(e.clientX));
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowRight') onSeek(Math.min(duration, position + 5));
          if (e.key === 'ArrowLeft') onSeek(Math.max(0, position - 5));
        }}
      >
        {bars ? (
          <div data-testid="seek-waveform" className="absolute inset-0 flex items-center gap-px">
            {bars.map((h, i) => (
              <span key={i} className={(i + 0.5) / BARS <= frac ? 'flex-1 rounded-sm bg-accent' : 'flex-1 rounded-sm bg-line-strong'} style={{ height: `${Math.max(8, h * 100)}%` }} />
            ))}
          </div>
        ) : (
          <div className="absolute inset-x-0 top-1/2 h-1 -translate-y-1/2 rounded-full bg-line-strong">
            <div className="h-full rounded-full bg-accent" style={{ width: `${frac * 100}%` }} />
          </div>
        )}
      </div>
      <span data-testid="player-duration" className="w-10">{formatTime(duration)}</span>
    </div>
  );
}

function reduce(p: WaveformPeaks, n: number): number[] {
  const out: number[] = [];
  const per = p.max.length / n;
  for (let i = 0; i < n; i++) {
    let m = 0;
    for (let j = Math.floor(i * per); j < Math.max(Math.floor((i + 1) * per), Math.floor(i * per) + 1) && j < p.max.length; j++) m = Math.max(m, p.max[j]!, -p.min[j]!);
    out.push(m / 127);
  }
  // Scaled to the loudest bar, so a quiet master still draws a readable shape.
  const top = Math.max(...out, 1e-6);
  return out.map((v) => v / top);
}
