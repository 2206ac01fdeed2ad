import type * as Y from 'yjs';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { ProjectApi } from '@encore/shared/project/api/ProjectApi';
import { createUndoManager, type ProjectUndoManager } from '@encore/shared/project/api/undo';
import { observeProject, type ProjectChanges } from '@encore/shared/project/read/observe';
import { readProject } from '@encore/shared/project/read/readProject';
import type { ClipSnapshot, ProjectSnapshot, TrackSnapshot } from '@encore/shared/project/read/snapshot';
import { MeterMap } from '@encore/shared/project/meterMap';
import { TempoMap } from '@encore/shared/project/tempoMap';

export interface ProjectState {
  readonly snapshot: ProjectSnapshot;
  readonly tempoMap: TempoMap;
  readonly meterMap: MeterMap;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
}

export interface ProjectSession {
  readonly doc: Y.Doc;
  /** Every edit of this user goes through here, under their origin. */
  readonly api: ProjectApi;
  readonly undo: ProjectUndoManager;
  readonly store: StoreApi<ProjectState>;
  dispose(): void;
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Carries over every track and clip object the transaction did not touch, so components that
 * select one track or clip (and are memoised on it) re-render only when theirs changed.
 */
export function shareUnchanged(prev: ProjectSnapshot, next: ProjectSnapshot, changes: Pick<ProjectChanges, 'tracks' | 'clips'>): ProjectSnapshot {
  const oldTracks = new Map([...prev.tracks, ...(prev.master ? [prev.master] : [])].map((t) => [t.id, t]));
  const share = (track: TrackSnapshot): TrackSnapshot => {
    const old = oldTracks.get(track.id);
    if (!old) return track;
    const oldClips = new Map(old.clips.map((c) => [c.id, c]));
    const clips: ClipSnapshot[] = track.clips.map((c) => (changes.clips.has(c.id) ? c : (oldClips.get(c.id) ?? c)));
    const clipsSame = sameList(clips, old.clips);
    if (!changes.tracks.has(track.id) && clipsSame) return old;
    return { ...track, clips: clipsSame ? old.clips : clips };
  };
  const tracks = next.tracks.map(share);
  return {
    ...next,
    tracks: sameList(tracks, prev.tracks) ? prev.tracks : tracks,
    master: next.master ? share(next.master) : null,
  };
}

function derive(snapshot: ProjectSnapshot, prev?: ProjectState): Pick<ProjectState, 'tempoMap' | 'meterMap'> {
  return {
    tempoMap: prev && prev.snapshot.tempo === snapshot.tempo ? prev.tempoMap : new TempoMap(snapshot.tempo),
    meterMap: prev && prev.snapshot.meters === snapshot.meters ? prev.meterMap : new MeterMap(snapshot.meters),
  };
}

/**
 * A user's live view of one project document: the API they edit with, their undo history and
 * a store holding the latest snapshot, re-read after every transaction (local or remote).
 *
 * @example
 * const session = createProjectSession(doc, { origin: 'user-ada' });
 * session.api.setMute({ trackId, value: true });
 * session.store.getState().snapshot.tracks[0].mute; // true
 * session.undo.undo();
 */
export function createProjectSession(doc: Y.Doc, options: { origin: unknown }): ProjectSession {
  const api = new ProjectApi(doc, { origin: options.origin });
  const undo = createUndoManager(doc, options.origin);
  const first = readProject(doc);
  const store = createStore<ProjectState>(() => ({ snapshot: first, ...derive(first), canUndo: undo.canUndo, canRedo: undo.canRedo }));
  const offDoc = observeProject(doc, (changes) => {
    const prev = store.getState();
    const next = readProject(doc);
    const snapshot = shareUnchanged(prev.snapshot, next, changes);
    // Roots other than tracks and clips (tempo, meters, markers…) come fresh; keep them when equal.
    const kept: ProjectSnapshot = {
      ...snapshot,
      tempo: changes.roots.has('tempo') ? snapshot.tempo : prev.snapshot.tempo,
      meters: changes.roots.has('meters') ? snapshot.meters : prev.snapshot.meters,
      markers: changes.roots.has('markers') ? snapshot.markers : prev.snapshot.markers,
      loop: changes.roots.has('meta') ? snapshot.loop : prev.snapshot.loop,
    };
    store.setState({ snapshot: kept, ...derive(kept, prev), canUndo: undo.canUndo, canRedo: undo.canRedo });
  });
  const offUndo = undo.subscribe((s) => store.setState({ canUndo: s.canUndo, canRedo: s.canRedo }));
  return {
    doc,
    api,
    undo,
    store,
    dispose() {
      offDoc();
      offUndo();
      undo.dispose();
    },
  };
}

/** A track (or the master) by id in a snapshot. */
export function findTrack(snapshot: ProjectSnapshot, trackId: string): TrackSnapshot | undefined {
  return snapshot.master?.id === trackId ? snapshot.master : snapshot.tracks.find((t) => t.id === trackId);
}

/** A clip and its track by clip id. */
export function findClip(snapshot: ProjectSnapshot, clipId: string): { track: TrackSnapshot; clip: ClipSnapshot } | undefined {
  for (const track of snapshot.tracks) {
    const clip = track.clips.find((c) => c.id === clipId);
    if (clip) return { track, clip };
  }
  return undefined;
}

/** Where the song ends: the last clip end or marker, at least 16 bars of 4/4 for an empty song. */
export function songEnd(snapshot: ProjectSnapshot): number {
  let end = 16 * 3840;
  for (const t of snapshot.tracks) for (const c of t.clips) end = Math.max(end, c.start + c.length);
  for (const m of snapshot.markers) end = Math.max(end, m.tick);
  return Math.max(end, snapshot.loop.end);
}
