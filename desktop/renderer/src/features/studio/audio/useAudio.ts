import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { useStudio } from '../editor/StudioContext';
import type { StereoLevel, StudioAudioState } from './studioAudio';

const IDLE = createStore<StudioAudioState>(() => ({ status: 'idle', error: null, issues: [], levels: {}, countingIn: false }));

/** Selects from the editor's audio engine state (an idle state when the editor has no engine). */
export function useAudio<T>(selector: (s: StudioAudioState) => T): T {
  return useStore(useStudio().audio?.store ?? IDLE, selector);
}

/**
 * A track's meter reading (left, right dBFS): the engine's meter worklet while it plays, else
 * the `levels` the editor was given, else null (no signal).
 */
export function useTrackLevel(trackId: string): StereoLevel | null {
  const { levels } = useStudio();
  const live = useAudio((s) => s.levels[trackId] ?? null);
  if (live) return live;
  const given = levels?.[trackId];
  return given === undefined ? null : [given, given];
}
