import { Decimator } from './decimator';
import { Chromagram, estimateKey, type KeyEstimate } from './key';
import { LoudnessMeter, type LoudnessResult } from './loudness';
import { estimateTempo, OnsetEnvelope, type TempoEstimate } from './tempo';
import { quantisePeaks, WaveformPeaks } from './waveformPeaks';

export interface TrackAnalysis extends LoudnessResult {
  /** Interleaved min, max per bucket, × 127 (see quantisePeaks). */
  peaks: Int8Array;
  tempo: TempoEstimate | null;
  key: KeyEstimate | null;
}

export interface TrackAnalyzerOptions {
  sampleRate: number;
  channels: number;
  /** Waveform buckets stored for the seek bar. */
  peakBuckets?: number;
}

/**
 * Everything Encore measures in a track, in one pass over streamed planar blocks: loudness and
 * true peak at the file's own rate; tempo and key on a mono mix decimated to ~11 kHz.
 *
 * @example
 * const analyzer = new TrackAnalyzer({ sampleRate: 44_100, channels: 2 });
 * for (const block of decoded) analyzer.push(block);
 * const { integratedLufs, tempo, key } = analyzer.finish();
 */
export class TrackAnalyzer {
  private readonly loudness: LoudnessMeter;
  private readonly peaks: WaveformPeaks;
  private readonly decimator: Decimator;
  private readonly onsets: OnsetEnvelope;
  private readonly chroma: Chromagram;

  constructor(o: TrackAnalyzerOptions) {
    this.loudness = new LoudnessMeter(o.sampleRate, o.channels);
    this.peaks = new WaveformPeaks(o.peakBuckets ?? 2000);
    this.decimator = new Decimator(o.sampleRate);
    this.onsets = new OnsetEnvelope(this.decimator.outputRate);
    this.chroma = new Chromagram(this.decimator.outputRate);
  }

  push(block: readonly Float32Array[]): void {
    this.loudness.push(block);
    this.peaks.push(block);
    const mono = this.decimator.push(block);
    this.onsets.push(mono);
    this.chroma.push(mono);
  }

  finish(): TrackAnalysis {
    return {
      ...this.loudness.result(),
      peaks: quantisePeaks(this.peaks.result()),
      tempo: estimateTempo(this.onsets.envelope(), this.onsets.frameRate),
      key: estimateKey(this.chroma.vector()),
    };
  }
}
