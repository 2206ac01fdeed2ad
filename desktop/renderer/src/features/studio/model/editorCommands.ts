import { EncoreError } from '@encore/shared/errors';
import { MASTER_ID } from '@encore/shared/project/schema/layout';
import type { EditorCommand } from './keymap';
import { type EditorStore } from './editorStore';
import { findClip, findTrack, type ProjectSession } from './projectSession';
import { playheadAt } from './transportClock';
import { zoomAt } from './timeScale';

/** A clock for the transport: `performance.now()` in the app, a fake in tests. */
export type Clock = () => number;

export interface EditorCommands {
  run(command: EditorCommand): void;
  play(): void;
  /** Stops and returns the playhead to where playback started. */
  stop(): void;
  /** Stops where the playhead is. */
  pause(): void;
  /** Moves the playhead (and the transport's anchor) to a tick. */
  seek(tick: number): void;
  /** Re-reads the playhead from the clock; the editor calls it every animation frame while playing. */
  tick(): number;
}

/**
 * What the editor's buttons and shortcuts do, over one project session and one editor store.
 * Edits go through the session's ProjectApi (one call = one undo step); the rest is session
 * state. Refusals of the API (e.g. splitting outside a clip) are left to the caller to report.
 */
export function createEditorCommands(session: ProjectSession, editor: EditorStore, now: Clock): EditorCommands {
  const project = () => session.store.getState();
  const playhead = (): number => {
    const e = editor.getState();
    const p = project();
    return playheadAt(e.transport, now(), p.tempoMap, p.snapshot.loop);
  };
  /** Where the last play started: stop returns there. */
  let returnTick = editor.getState().playhead;
  const play = () => {
    returnTick = editor.getState().playhead;
    editor.setState((e) => ({ transport: { playing: true, anchorTick: e.playhead, startedAt: now() } }));
  };
  const pause = () => {
    const at = playhead();
    editor.setState({ transport: { playing: false, anchorTick: at, startedAt: 0 }, playhead: at });
  };
  const stop = () => editor.setState({ transport: { playing: false, anchorTick: returnTick, startedAt: 0 }, playhead: returnTick });

  /** The clips a clip command acts on: the selection, else clips under the playhead on the selected track. */
  const targetClips = (): string[] => {
    const e = editor.getState();
    const snapshot = project().snapshot;
    const selected = e.selectedClipIds.filter((id) => findClip(snapshot, id));
    if (selected.length > 0) return selected;
    const track = e.selectedTrackId ? findTrack(snapshot, e.selectedTrackId) : undefined;
    return (track?.clips ?? []).filter((c) => c.start < e.playhead && c.start + c.length > e.playhead).map((c) => c.id);
  };

  const deleteSelection = () => {
    const e = editor.getState();
    if (e.focus === 'automation' && e.selectedPoint) {
      session.api.deletePoint(e.selectedPoint);
      editor.setState({ selectedPoint: null });
      return;
    }
    if (e.focus === 'pianoRoll' && e.openClipId && e.selectedNoteIds.length > 0) {
      session.api.deleteNotes({ clipId: e.openClipId, noteIds: [...e.selectedNoteIds] });
      editor.setState({ selectedNoteIds: [] });
      return;
    }
    const ids = e.selectedClipIds.filter((id) => findClip(project().snapshot, id));
    if (ids.length === 0) return;
    // One action, one undo step: delete every selected clip in a single transaction.
    session.doc.transact(() => {
      for (const clipId of ids) session.api.deleteClip({ clipId });
    }, session.api.origin);
    editor.setState({ selectedClipIds: [], openClipId: ids.includes(e.openClipId ?? '') ? null : e.openClipId });
  };

  const duplicate = () => {
    const ids = targetClips();
    if (ids.length === 0) return;
    const copies: string[] = [];
    session.doc.transact(() => {
      for (const clipId of ids) copies.push(session.api.duplicateClip({ clipId }));
    }, session.api.origin);
    editor.setState({ selectedClipIds: copies });
  };

  const split = () => {
    const at = Math.round(editor.getState().playhead);
    const ids = targetClips().filter((id) => {
      const found = findClip(project().snapshot, id);
      return found && found.clip.start < at && found.clip.start + found.clip.length > at;
    });
    if (ids.length === 0) throw new EncoreError('BAD_REQUEST', 'Put the playhead inside a clip to split it');
    session.doc.transact(() => {
      for (const clipId of ids) session.api.splitClip({ clipId, tick: at });
    }, session.api.origin);
  };

  const arm = () => {
    const e = editor.getState();
    const track = e.selectedTrackId ? findTrack(project().snapshot, e.selectedTrackId) : undefined;
    if (!track || track.id === MASTER_ID || track.kind === 'bus') return;
    session.api.setArm({ trackId: track.id, value: !track.arm });
  };

  /** A marker at the playhead, named after how many there are ("Marker 3"). */
  const addMarker = () => {
    const tick = Math.round(editor.getState().playhead);
    session.api.addMarker({ tick, name: `Marker ${project().snapshot.markers.length + 1}` });
  };

  const zoom = (factor: number) => {
    const e = editor.getState();
    if (e.focus === 'pianoRoll') editor.setState({ pianoScale: zoomAt(e.pianoScale, factor, (e.playhead - e.pianoScale.scrollTick) * e.pianoScale.pxPerTick) });
    else editor.setState({ arrangementScale: zoomAt(e.arrangementScale, factor, (e.playhead - e.arrangementScale.scrollTick) * e.arrangementScale.pxPerTick) });
  };

  return {
    play,
    stop,
    pause,
    seek(tick) {
      const t = Math.max(0, Math.round(tick));
      editor.setState((e) => ({ playhead: t, transport: { ...e.transport, anchorTick: t, startedAt: now() } }));
    },
    tick() {
      const p = playhead();
      editor.setState({ playhead: p });
      return p;
    },
    run(command) {
      switch (command) {
        case 'playStop':
          return editor.getState().transport.playing ? stop() : play();
        case 'pause':
          return editor.getState().transport.playing ? pause() : play();
        case 'undo':
          session.undo.undo();
          return;
        case 'redo':
          session.undo.redo();
          return;
        case 'delete':
          return deleteSelection();
        case 'duplicate':
          return duplicate();
        case 'split':
          return split();
        case 'arm':
          return arm();
        case 'zoomIn':
          return zoom(1.5);
        case 'zoomOut':
          return zoom(1 / 1.5);
        case 'addMarker':
          return addMarker();
      }
    },
  };
}
