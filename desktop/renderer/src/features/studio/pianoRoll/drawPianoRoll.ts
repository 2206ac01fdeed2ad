import type { MeterMap } from '@encore/shared/project/meterMap';
import { gridLines, type Snap } from '../model/grid';
import { pitchToY, type KeyScale, type PlacedNote, type Rect } from '../model/hitTest';
import { inScale, isBlackKey, pitchName, type ScaleName } from '../model/musicScale';
import { tickToX, xToTick, type TimeScale } from '../model/timeScale';

export interface NoteGridScene {
  readonly width: number;
  readonly height: number;
  readonly time: TimeScale;
  readonly keys: KeyScale;
  readonly meters: MeterMap;
  readonly snap: Snap;
  readonly notes: readonly (PlacedNote & { velocity: number })[];
  readonly selected: ReadonlySet<string>;
  /** The clip's span on the timeline: outside it the grid is shaded. */
  readonly clipStart: number;
  readonly clipEnd: number;
  readonly scaleRoot: number;
  readonly scaleName: ScaleName;
  readonly color: string;
  readonly marquee: Rect | null;
}

/** Paints the note grid: scale rows, grid lines, the clip's span, notes and the marquee. */
export function drawNoteGrid(ctx: CanvasRenderingContext2D, s: NoteGridScene): void {
  const { width, height, time, keys } = s;
  ctx.fillStyle = '#14161d';
  ctx.fillRect(0, 0, width, height);
  for (let pitch = 0; pitch < 128; pitch++) {
    const y = pitchToY(keys, pitch);
    if (y > height) continue;
    const inKey = inScale(pitch, s.scaleRoot, s.scaleName);
    ctx.fillStyle = inKey ? (pitch % 12 === s.scaleRoot ? '#20232e' : '#1b1e27') : '#121319';
    ctx.fillRect(0, y, width, keys.rowPx);
    ctx.fillStyle = pitch % 12 === 0 ? 'rgba(255,255,255,0.10)' : 'rgba(255,255,255,0.035)';
    ctx.fillRect(0, y + keys.rowPx - 1, width, 1);
  }
  const colors = { bar: 'rgba(255,255,255,0.20)', beat: 'rgba(255,255,255,0.09)', sub: 'rgba(255,255,255,0.04)' } as const;
  for (const line of gridLines(xToTick(time, 0), xToTick(time, width), time.pxPerTick, s.meters, s.snap, 6)) {
    ctx.fillStyle = colors[line.level];
    ctx.fillRect(Math.round(tickToX(time, line.tick)), 0, 1, height);
  }
  // Shade what lies outside the clip.
  ctx.fillStyle = 'rgba(0,0,0,0.38)';
  const x0 = tickToX(time, s.clipStart);
  const x1 = tickToX(time, s.clipEnd);
  if (x0 > 0) ctx.fillRect(0, 0, x0, height);
  if (x1 < width) ctx.fillRect(Math.max(0, x1), 0, width - x1, height);
  ctx.fillStyle = s.color;
  ctx.fillRect(Math.round(x0), 0, 1, height);
  ctx.fillRect(Math.round(x1), 0, 1, height);

  for (const n of s.notes) {
    const x = tickToX(time, n.start);
    const w = Math.max(4, n.duration * time.pxPerTick);
    if (x + w < 0 || x > width) continue;
    const y = pitchToY(keys, n.pitch);
    const selected = s.selected.has(n.id);
    const outside = n.start >= s.clipEnd || n.start + n.duration <= s.clipStart;
    ctx.globalAlpha = outside ? 0.35 : 0.55 + (n.velocity / 127) * 0.45;
    ctx.fillStyle = selected ? '#ffffff' : s.color;
    ctx.fillRect(Math.round(x) + 0.5, y + 1, Math.round(w) - 1, keys.rowPx - 2);
    ctx.globalAlpha = 1;
    ctx.strokeStyle = selected ? s.color : 'rgba(0,0,0,0.55)';
    ctx.lineWidth = selected ? 2 : 1;
    ctx.strokeRect(Math.round(x) + 0.5, y + 1.5, Math.round(w) - 1, keys.rowPx - 3);
    if (w > 28 && keys.rowPx >= 11) {
      ctx.fillStyle = selected ? '#14161d' : 'rgba(10,10,14,0.8)';
      ctx.font = '600 9px Inter, system-ui, sans-serif';
      ctx.fillText(pitchName(n.pitch), Math.round(x) + 3, y + keys.rowPx - 3);
    }
  }
  if (s.marquee) {
    const { x0: a, y0: b, x1: c, y1: d } = s.marquee;
    ctx.fillStyle = 'rgba(139,123,255,0.15)';
    ctx.strokeStyle = '#8b7bff';
    ctx.lineWidth = 1;
    ctx.fillRect(Math.min(a, c), Math.min(b, d), Math.abs(c - a), Math.abs(d - b));
    ctx.strokeRect(Math.min(a, c) + 0.5, Math.min(b, d) + 0.5, Math.abs(c - a), Math.abs(d - b));
  }
}

/** Paints the keyboard at the left of the piano roll, with the scale's notes marked. */
export function drawKeyboard(ctx: CanvasRenderingContext2D, width: number, keys: KeyScale, root: number, scale: ScaleName): void {
  ctx.fillStyle = '#0d0e12';
  ctx.fillRect(0, 0, width, 128 * keys.rowPx);
  for (let pitch = 0; pitch < 128; pitch++) {
    const y = pitchToY(keys, pitch);
    const black = isBlackKey(pitch);
    ctx.fillStyle = black ? '#1c1e25' : '#d9dce3';
    ctx.fillRect(0, y, black ? width * 0.62 : width, keys.rowPx - 1);
    if (inScale(pitch, root, scale) && scale !== 'chromatic') {
      ctx.fillStyle = pitch % 12 === root ? '#8b7bff' : '#8b7bff88';
      ctx.fillRect(width - 4, y + 1, 3, keys.rowPx - 3);
    }
    if (pitch % 12 === 0) {
      ctx.fillStyle = '#3a3f4e';
      ctx.font = '600 9px Inter, system-ui, sans-serif';
      ctx.fillText(pitchName(pitch), width - 28, y + keys.rowPx - 3);
    }
  }
}

export interface VelocityScene {
  readonly width: number;
  readonly height: number;
  readonly time: TimeScale;
  readonly notes: readonly (PlacedNote & { velocity: number })[];
  readonly selected: ReadonlySet<string>;
  readonly color: string;
}

/** Paints the velocity lane: one stalk per note, its height the velocity. */
export function drawVelocities(ctx: CanvasRenderingContext2D, s: VelocityScene): void {
  ctx.fillStyle = '#101117';
  ctx.fillRect(0, 0, s.width, s.height);
  ctx.fillStyle = 'rgba(255,255,255,0.05)';
  for (const v of [32, 64, 96]) ctx.fillRect(0, Math.round(s.height - (v / 127) * (s.height - 6)), s.width, 1);
  for (const n of s.notes) {
    const x = Math.round(tickToX(s.time, n.start));
    if (x < -4 || x > s.width + 4) continue;
    const h = (n.velocity / 127) * (s.height - 6);
    const color = s.selected.has(n.id) ? '#ffffff' : s.color;
    ctx.fillStyle = color;
    ctx.fillRect(x, s.height - h, 2, h);
    ctx.fillRect(x - 2, s.height - h - 2, 6, 4);
  }
}
