import type { Row } from './hitTest';

/** A track's band in the arrangement: its clip row, then one row per shown automation lane. */
export interface TrackBand extends Row {
  /** Height of the clip row at the band's top. */
  readonly clipHeight: number;
  readonly lanes: readonly { readonly key: string; readonly top: number; readonly height: number }[];
}

/**
 * Stacks the tracks top to bottom, each followed by its shown automation lanes.
 *
 * @example
 * layoutTracks([{ id: 'a' }, { id: 'b' }], { a: ['volume'] }, 68, 56).bands[1].top; // 124
 */
export function layoutTracks(
  tracks: readonly { readonly id: string }[],
  shownLanes: Readonly<Record<string, readonly string[]>>,
  trackHeight: number,
  laneHeight: number,
): { bands: TrackBand[]; height: number } {
  let top = 0;
  const bands = tracks.map((t) => {
    const keys = shownLanes[t.id] ?? [];
    const lanes = keys.map((key, i) => ({ key, top: top + trackHeight + i * laneHeight, height: laneHeight }));
    const band: TrackBand = { id: t.id, top, height: trackHeight + keys.length * laneHeight, clipHeight: trackHeight, lanes };
    top += band.height;
    return band;
  });
  return { bands, height: top };
}

/**
 * Where a track dragged in the headers lands: its index among the other tracks, from the
 * pointer's y (the middle of each other band is the boundary).
 *
 * @example
 * dropIndex(bands, 10, 'b'); // 0: above the first track
 */
export function dropIndex(bands: readonly Row[], y: number, draggedId: string): number {
  const others = bands.filter((b) => b.id !== draggedId);
  const at = others.findIndex((b) => y < b.top + b.height / 2);
  return at === -1 ? others.length : at;
}

/** The y of the gap a dragged track would land in (for the drop indicator). */
export function dropLineY(bands: readonly Row[], index: number, draggedId: string): number {
  const others = bands.filter((b) => b.id !== draggedId);
  const next = others[index];
  if (next) return next.top;
  const last = others[others.length - 1];
  return last ? last.top + last.height : 0;
}
