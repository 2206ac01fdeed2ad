import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { computePeaks, bucketsFor, peakColumns, type WaveformPeaks } from './peaks';

interface PeaksState {
  /** Drawing columns (0…1) per asset hash. */
  readonly columns: Readonly<Record<string, Float32Array>>;
}

/**
 * Waveform peaks of the project's assets by SHA-256, kept in the renderer: the asset record has
 * no field for them, and they are cheap to compute again from the decoded audio. The same
 * content has the same peaks in every project, so one cache serves them all.
 */
export const peaksStore = createStore<PeaksState>(() => ({ columns: {} }));
const full = new Map<string, WaveformPeaks>();

/** Remembers the peaks of an asset. */
export function putPeaks(hash: string, peaks: WaveformPeaks): void {
  full.set(hash, peaks);
  peaksStore.setState((s) => ({ columns: { ...s.columns, [hash]: peakColumns(peaks) } }));
}

/** The min/max peaks of an asset, when known. */
export const peaksOf = (hash: string): WaveformPeaks | undefined => full.get(hash);

/** Computes and remembers the peaks of decoded audio. */
export function putPeaksOf(hash: string, buffer: AudioBuffer): WaveformPeaks {
  const channels = Array.from({ length: buffer.numberOfChannels }, (_, c) => buffer.getChannelData(c));
  const peaks = computePeaks(channels, bucketsFor(buffer.duration));
  putPeaks(hash, peaks);
  return peaks;
}

/** Drawing columns of every asset known so far (re-renders when one is added). */
export const usePeakColumns = (): Readonly<Record<string, Float32Array>> => useStore(peaksStore, (s) => s.columns);
