import { createStore, type StoreApi } from 'zustand/vanilla';
import { parseSnap, type Snap, type SnapId } from './grid';
import { scaleOf, type TimeScale } from './timeScale';
import type { ScaleName } from './musicScale';
import type { TransportPosition } from './transportClock';

/** The lower panel of the editor. */
export type EditorPanel = 'clip' | 'mixer' | 'devices';
/** Which editor the shortcuts act on (the one the user last worked in). */
export type EditorFocus = 'arrangement' | 'pianoRoll' | 'automation';
export type PianoTool = 'select' | 'draw';

/**
 * Session state of one user's editor: never saved in the document, never seen by peers.
 * Selection, zoom, snap, the open clip, the transport clock and view toggles.
 */
export interface EditorState {
  readonly panel: EditorPanel;
  readonly focus: EditorFocus;
  readonly selectedTrackId: string | null;
  readonly selectedClipIds: readonly string[];
  readonly openClipId: string | null;
  readonly selectedNoteIds: readonly string[];
  readonly selectedDeviceId: string | null;
  readonly arrangementScale: TimeScale;
  readonly pianoScale: TimeScale;
  readonly snapId: SnapId;
  readonly snap: Snap;
  readonly tool: PianoTool;
  readonly scaleRoot: number;
  readonly scaleName: ScaleName;
  readonly transport: TransportPosition;
  /** The playhead as last drawn (updated every frame while playing). */
  readonly playhead: number;
  readonly metronome: boolean;
  /** One bar of clicks before playback starts, when the metronome is on. */
  readonly countIn: boolean;
  readonly followPlayhead: boolean;
  /** Automation lanes shown under each track: track id → lane keys, top to bottom. */
  readonly shownLanes: Readonly<Record<string, readonly string[]>>;
  /** The automation point last clicked (Delete removes it; its segment's curve is editable). */
  readonly selectedPoint: { readonly trackId: string; readonly pointId: string } | null;
}

export const INITIAL_EDITOR_STATE: EditorState = {
  panel: 'clip',
  focus: 'arrangement',
  selectedTrackId: null,
  selectedClipIds: [],
  openClipId: null,
  selectedNoteIds: [],
  selectedDeviceId: null,
  arrangementScale: scaleOf(28),
  pianoScale: scaleOf(120),
  snapId: '1/16',
  snap: parseSnap('1/16'),
  tool: 'draw',
  scaleRoot: 0,
  scaleName: 'major',
  transport: { playing: false, anchorTick: 0, startedAt: 0 },
  playhead: 0,
  metronome: false,
  countIn: true,
  followPlayhead: true,
  shownLanes: {},
  selectedPoint: null,
};

export type EditorStore = StoreApi<EditorState>;

/** A new editor store, optionally starting from some state (tests, restored views). */
export function createEditorStore(initial: Partial<EditorState> = {}): EditorStore {
  const state = { ...INITIAL_EDITOR_STATE, ...initial };
  return createStore<EditorState>(() => ({ ...state, snap: parseSnap(state.snapId) }));
}

/** Selects a clip in the arrangement (and its track); it opens in the piano roll when MIDI. */
export function selectClips(store: EditorStore, clipIds: readonly string[], trackId: string | null, openClipId?: string | null): void {
  const prev = store.getState();
  const open = openClipId === undefined ? prev.openClipId : openClipId;
  store.setState({
    selectedClipIds: [...clipIds],
    selectedTrackId: trackId ?? prev.selectedTrackId,
    focus: 'arrangement',
    openClipId: open,
    selectedNoteIds: open === prev.openClipId ? prev.selectedNoteIds : [],
  });
}

export function setSnap(store: EditorStore, id: SnapId): void {
  store.setState({ snapId: id, snap: parseSnap(id) });
}

/** Shows or hides an automation lane under a track (session state: never saved in the document). */
export function setLaneShown(store: EditorStore, trackId: string, key: string, shown: boolean): void {
  const current = store.getState().shownLanes[trackId] ?? [];
  const next = shown ? (current.includes(key) ? current : [...current, key]) : current.filter((k) => k !== key);
  store.setState((s) => ({ shownLanes: { ...s.shownLanes, [trackId]: next } }));
}

/** Points a shown lane at another target, in place. */
export function replaceShownLane(store: EditorStore, trackId: string, from: string, to: string): void {
  const current = store.getState().shownLanes[trackId] ?? [];
  const next = current.includes(to) ? current.filter((k) => k !== from) : current.map((k) => (k === from ? to : k));
  store.setState((s) => ({ shownLanes: { ...s.shownLanes, [trackId]: next } }));
}
