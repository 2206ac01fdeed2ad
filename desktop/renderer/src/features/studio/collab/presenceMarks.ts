import type { TimeScale } from '../model/timeScale';
import { tickToX } from '../model/timeScale';
import type { Peer } from './collabModel';

/** The part of the arrangement a collaborator's marks are drawn over. */
export interface ArrangementFrame {
  readonly scale: TimeScale;
  /** Each track's band: `top` of its clip row and the row's height. */
  readonly rows: readonly { readonly id: string; readonly top: number; readonly clipHeight: number }[];
  readonly clips: readonly { readonly id: string; readonly trackId: string; readonly start: number; readonly length: number }[];
}

export interface PeerMarks {
  readonly clientId: number;
  readonly name: string;
  readonly color: string;
  /** x of the playhead in this user's own view (other zoom and scroll than the peer's). */
  readonly playheadX: number | null;
  readonly track: { readonly id: string; readonly top: number; readonly height: number } | null;
  readonly clips: readonly { readonly id: string; readonly left: number; readonly top: number; readonly width: number; readonly height: number }[];
  readonly cursor: { readonly x: number; readonly y: number } | null;
}

/**
 * Where each collaborator's selection, playhead and pointer fall in this user's arrangement:
 * everything travels in musical time (ticks, track ids) and is placed with the local scale.
 *
 * @example
 * arrangementMarks(peers, { scale: scaleOf(28), rows, clips })[0].playheadX;
 */
export function arrangementMarks(peers: readonly Peer[], frame: ArrangementFrame): PeerMarks[] {
  const rowOf = new Map(frame.rows.map((r) => [r.id, r]));
  return peers.map((peer) => {
    const p = peer.presence;
    const row = p?.trackId ? rowOf.get(p.trackId) : undefined;
    const selected = new Set(p?.clipIds ?? (p?.clipId ? [p.clipId] : []));
    const clips = frame.clips.flatMap((c) => {
      const r = selected.has(c.id) ? rowOf.get(c.trackId) : undefined;
      return r ? [{ id: c.id, left: tickToX(frame.scale, c.start), top: r.top, width: c.length * frame.scale.pxPerTick, height: r.clipHeight }] : [];
    });
    const cur = peer.cursor?.view === 'arrangement' ? peer.cursor : null;
    const curRow = cur ? rowOf.get(cur.trackId) : undefined;
    return {
      clientId: peer.clientId,
      name: peer.user.name,
      color: peer.user.color,
      playheadX: p ? tickToX(frame.scale, p.playhead) : null,
      track: row ? { id: row.id, top: row.top, height: row.clipHeight } : null,
      clips,
      cursor: cur && curRow ? { x: tickToX(frame.scale, cur.tick), y: curRow.top + cur.lane * curRow.clipHeight } : null,
    };
  });
}

/** Where each collaborator's pointer and playhead fall in the piano roll of `clipId`. */
export function pianoRollMarks(
  peers: readonly Peer[],
  clipId: string,
  scale: TimeScale,
  rowPx: number,
): { clientId: number; name: string; color: string; playheadX: number | null; cursor: { x: number; y: number } | null; noteIds: readonly string[] }[] {
  return peers.map((peer) => {
    const cur = peer.cursor?.view === 'pianoRoll' && peer.cursor.clipId === clipId ? peer.cursor : null;
    const p = peer.presence;
    return {
      clientId: peer.clientId,
      name: peer.user.name,
      color: peer.user.color,
      playheadX: p ? tickToX(scale, p.playhead) : null,
      cursor: cur ? { x: tickToX(scale, cur.tick), y: (127 - cur.pitch) * rowPx } : null,
      noteIds: p?.openClipId === clipId ? (p.noteIds ?? []) : [],
    };
  });
}
