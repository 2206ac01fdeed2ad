import { useEffect, useMemo, useState, type DragEvent } from 'react';
import { useStore } from 'zustand';
import { useProject, useStudio } from '../editor/StudioContext';
import { AudioImporter, type ImporterState, type ImportTarget } from './audioImporter';
import { peaksStore, putPeaksOf, usePeakColumns } from './peaksStore';
import { useStudioMedia } from './StudioMediaContext';

const importers = new WeakMap<object, AudioImporter>();
let offlineContext: OfflineAudioContext | null = null;
const EMPTY: ImporterState = { jobs: [], error: null };

/** The editor's importer (one per project session), or null when there is no host to store audio. */
export function useImporter(): AudioImporter | null {
  const { session, audio } = useStudio();
  const { upload } = useStudioMedia();
  return useMemo(() => {
    if (!upload) return null;
    let importer = importers.get(session);
    if (!importer) {
      importer = new AudioImporter(session, upload, () => audio?.context ?? (offlineContext ??= new OfflineAudioContext(1, 1, 48_000)));
      importers.set(session, importer);
    }
    return importer;
  }, [session, audio, upload]);
}

export function useImporterState(importer: AudioImporter | null): ImporterState {
  const [fallback] = useState(() => ({ getState: () => EMPTY, subscribe: () => () => {} }) as unknown as AudioImporter['store']);
  return useStore(importer?.store ?? fallback);
}

const hasFiles = (e: DragEvent) => [...e.dataTransfer.types].includes('Files');

/**
 * Drop handlers for audio files on the arrangement: `target` says where a drop at a point goes
 * (a lane's audio track, or null for a new track) and at which tick.
 */
export function useAudioDrop(target: (e: DragEvent<HTMLElement>) => ImportTarget) {
  const importer = useImporter();
  const [over, setOver] = useState(false);
  if (!importer) return { over: false, props: {} };
  return {
    over,
    props: {
      onDragOver: (e: DragEvent<HTMLElement>) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setOver(true);
      },
      onDragLeave: () => setOver(false),
      onDrop: (e: DragEvent<HTMLElement>) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setOver(false);
        void importer.importFiles([...e.dataTransfer.files], target(e));
      },
    },
  };
}

/**
 * Waveform columns per asset hash: what the editor was given, else the renderer's peaks cache,
 * which is filled from the engine's decoded audio for assets imported before this session.
 */
export function useWaveformPeaks(): Readonly<Record<string, Float32Array>> {
  const { peaks, audio } = useStudio();
  const columns = usePeakColumns();
  const assets = useProject((s) => s.snapshot.assets);
  useEffect(() => {
    if (!audio) return;
    for (const a of assets) {
      if (peaksStore.getState().columns[a.hash]) continue;
      void audio.buffers.get(a.hash, audio.context).then((buffer) => {
        if (buffer && !peaksStore.getState().columns[a.hash]) putPeaksOf(a.hash, buffer);
      });
    }
  }, [assets, audio]);
  return useMemo(() => ({ ...columns, ...peaks }), [columns, peaks]);
}
