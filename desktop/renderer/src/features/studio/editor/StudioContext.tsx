import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { StudioAudio } from '../audio/studioAudio';
import type { EditorCommands } from '../model/editorCommands';
import type { EditorState, EditorStore } from '../model/editorStore';
import type { ProjectSession, ProjectState } from '../model/projectSession';

export interface Studio {
  readonly session: ProjectSession;
  readonly editor: EditorStore;
  readonly commands: EditorCommands;
  /** Runs an edit, reporting a refusal of the project API to the user instead of throwing. */
  readonly edit: (fn: () => void) => void;
  /** Audio levels per track id in dBFS, from the engine's meters; absent until it runs. */
  readonly levels?: Readonly<Record<string, number>>;
  /** Waveform peaks per asset hash (0…1 per column), when the engine has decoded them. */
  readonly peaks?: Readonly<Record<string, Float32Array>>;
  /** The real-time engine, when the editor plays sound. */
  readonly audio?: StudioAudio;
}

const StudioContext = createContext<Studio | null>(null);

export function StudioProvider({ studio, children }: { studio: Studio; children: ReactNode }) {
  return <StudioContext.Provider value={studio}>{children}</StudioContext.Provider>;
}

export function useStudio(): Studio {
  const studio = useContext(StudioContext);
  if (!studio) throw new Error('useStudio() outside <StudioProvider>');
  return studio;
}

/** Selects from the project's snapshot store; re-renders only when the selected value changes. */
export const useProject = <T,>(selector: (s: ProjectState) => T): T => useStore(useStudio().session.store, selector);
export const useEditor = <T,>(selector: (s: EditorState) => T): T => useStore(useStudio().editor, selector);
