import type { NoteWithId } from '@encore/shared/project/schema/note';

/**
 * Draws a MIDI clip's notes as small bars: time across, pitch up, scaled to the clip's range.
 * `fromTick` is the content tick at the canvas' left edge.
 */
export function drawMiniNotes(ctx: CanvasRenderingContext2D, notes: readonly NoteWithId[], fromTick: number, pxPerTick: number, width: number, height: number, color: string): void {
  ctx.clearRect(0, 0, width, height);
  if (notes.length === 0) return;
  let lo = 127;
  let hi = 0;
  for (const n of notes) {
    lo = Math.min(lo, n.pitch);
    hi = Math.max(hi, n.pitch);
  }
  const span = Math.max(hi - lo + 1, 12);
  const mid = (lo + hi) / 2;
  const bottom = mid - span / 2;
  const row = Math.max(1.5, Math.min(4, (height - 4) / span));
  ctx.fillStyle = color;
  for (const n of notes) {
    const x = (n.tick - fromTick) * pxPerTick;
    const w = Math.max(1.5, n.duration * pxPerTick - 1);
    if (x + w < 0 || x > width) continue;
    const y = height - 2 - ((n.pitch - bottom) / span) * (height - 4) - row / 2;
    ctx.globalAlpha = 0.55 + (n.velocity / 127) * 0.45;
    ctx.fillRect(Math.round(x), Math.round(y), Math.round(w), row);
  }
  ctx.globalAlpha = 1;
}

/**
 * Draws waveform peaks (one 0…1 value per column of the source) mirrored around the middle.
 * `from` and `to` are the fractions of the source the clip shows.
 */
export function drawPeaks(ctx: CanvasRenderingContext2D, peaks: Float32Array, from: number, to: number, width: number, height: number, color: string): void {
  ctx.clearRect(0, 0, width, height);
  const mid = height / 2;
  ctx.fillStyle = color;
  for (let x = 0; x < width; x++) {
    const at = from + ((to - from) * x) / width;
    const i = Math.floor(at * peaks.length);
    const v = i >= 0 && i < peaks.length ? (peaks[i] as number) : 0;
    const h = Math.max(0.5, v * (height / 2 - 1));
    ctx.fillRect(x, mid - h, 1, h * 2);
  }
}

/** The clip body colour: the track colour, darkened for the fill. */
export function clipColors(trackColor: string, selected: boolean): { fill: string; header: string; ink: string; border: string } {
  return {
    fill: `${trackColor}${selected ? '55' : '38'}`,
    header: `${trackColor}${selected ? 'ff' : 'cc'}`,
    ink: trackColor,
    border: selected ? '#ffffff' : `${trackColor}aa`,
  };
}
