import { Chromagram, estimateKey, type KeyEstimate } from './key';
import { estimateTempo, OnsetEnvelope, type TempoEstimate } from './tempo';

/** The rate the tempo and key kernels are built for: nothing above ~5 kHz matters to them. */
export const ANALYSIS_RATE = 11_025;

/**
 * Tempo and key of mono audio already at the analysis rate (a decoder resampled it), in one
 * streamed pass: what a server measures after decoding with ffmpeg, without the mix-down and
 * decimation the desktop's TrackAnalyzer does itself.
 *
 * @example
 * const a = new TempoKeyAnalyzer(ANALYSIS_RATE);
 * for (const block of decodedMono) a.push(block);
 * a.finish(); // { tempo: { bpm: 120, confidence: 0.7 }, key: { key: 'A minor', ... } }
 */
export class TempoKeyAnalyzer {
  private readonly onsets: OnsetEnvelope;
  private readonly chroma: Chromagram;

  constructor(sampleRate: number = ANALYSIS_RATE) {
    this.onsets = new OnsetEnvelope(sampleRate);
    this.chroma = new Chromagram(sampleRate);
  }

  push(mono: Float32Array): void {
    this.onsets.push(mono);
    this.chroma.push(mono);
  }

  finish(): { tempo: TempoEstimate | null; key: KeyEstimate | null } {
    return { tempo: estimateTempo(this.onsets.envelope(), this.onsets.frameRate), key: estimateKey(this.chroma.vector()) };
  }
}
