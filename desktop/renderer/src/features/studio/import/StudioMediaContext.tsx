import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { HostClient } from '@encore/shared/host/client';
import { RECORDER_WORKLET_URL } from '@encore/audio-engine/worklets/urls';
import type { StoreApi } from 'zustand/vanilla';
import { openMicrophone, type InputSource } from '../record/inputSource';
import { createRecordSettings, type RecordSettings } from '../record/recordSettings';
import { blobUploader, type BlobUploader } from './uploadBlob';

/** What importing and recording need from outside the editor: the host's blob store, the input, settings. */
export interface StudioMedia {
  /** Stores audio in the host's blob store; null without a host (import and audio recording are off). */
  readonly upload: BlobUploader | null;
  readonly openInput: (context: AudioContext) => Promise<InputSource>;
  readonly recorderUrl: string;
  readonly settings: StoreApi<RecordSettings>;
}

let defaultSettings: StoreApi<RecordSettings> | null = null;
const settingsOfThisMachine = () => (defaultSettings ??= createRecordSettings());

const NO_HOST: StudioMedia = {
  upload: null,
  openInput: (context) => openMicrophone(context),
  recorderUrl: RECORDER_WORKLET_URL,
  get settings() {
    return settingsOfThisMachine();
  },
};

const MediaContext = createContext<StudioMedia>(NO_HOST);

/**
 * Gives the editor below its media services; without it the editor imports nothing and records
 * MIDI only.
 *
 * @example
 * <StudioMediaProvider host={host}><ProjectEditor session={session} audio={audio} /></StudioMediaProvider>
 */
export function StudioMediaProvider({ host, media, children }: { host: Pick<HostClient, 'call'> | null; media?: Partial<StudioMedia>; children: ReactNode }) {
  const value = useMemo<StudioMedia>(
    () => ({ upload: host ? blobUploader(host) : null, openInput: NO_HOST.openInput, recorderUrl: NO_HOST.recorderUrl, settings: settingsOfThisMachine(), ...media }),
    [host, media],
  );
  return <MediaContext.Provider value={value}>{children}</MediaContext.Provider>;
}

export const useStudioMedia = (): StudioMedia => useContext(MediaContext);
