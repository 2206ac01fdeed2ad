import { Framer } from './decimator';
import { MagnitudeSpectrum } from './fft';
import { Float64List } from './growable';

/**
 * Tempo estimation: a spectral-flux onset strength envelope (~90 frames/s), its
 * autocorrelation, and a comb over 60-200 BPM that sums the autocorrelation at the first four
 * multiples of each beat period. A click at every beat and one at every other beat look alike
 * to the comb, so a log-normal prior centred on 120 BPM (one octave wide) settles octave
 * ambiguity the way listeners tend to, after a check that halves a candidate's score by what
 * happens halfway through its period (else a click on every beat reads at half tempo).
 */

export interface TempoEstimate {
  bpm: number;
  /** 0..1: how strongly the envelope repeats at that period (normalised comb score). */
  confidence: number;
}

export const MIN_BPM = 60;
const FLUX_DEAD_ZONE = 0.1;
export const MAX_BPM = 200;

/**
 * Streams mono audio (at the analysis rate) into an onset strength envelope.
 *
 * @example
 * const onsets = new OnsetEnvelope(11_025);
 * onsets.push(mono);
 * estimateTempo(onsets.envelope(), onsets.frameRate); // { bpm: 120, confidence: 0.8 }
 */
export class OnsetEnvelope {
  readonly frameRate: number;
  private readonly framer: Framer;
  private readonly spectrum: MagnitudeSpectrum;
  private previous: Float64Array | null = null;
  private readonly values = new Float64List();

  constructor(sampleRate: number) {
    const size = nextPow2(sampleRate * 0.046);
    const hop = size / 4;
    this.frameRate = sampleRate / hop;
    this.spectrum = new MagnitudeSpectrum(size);
    this.framer = new Framer(size, hop, (frame) => this.frame(frame));
  }

  push(mono: Float32Array): void {
    this.framer.push(mono);
  }

  private frame(frame: Float32Array): void {
    const mags = this.spectrum.of(frame);
    // Log compression makes a quiet hi-hat count next to a loud kick.
    const current = Float64Array.from(mags, (m) => Math.log1p(1000 * m));
    let flux = 0;
    // Rises under ~10 % (0.1 in log units) are ignored: a steady tone's frames wobble that much
    // with their phase against the hop, and the wobble is periodic (a fake tempo).
    if (this.previous) for (let k = 1; k < current.length; k++) flux += Math.max(0, current[k]! - this.previous[k]! - FLUX_DEAD_ZONE);
    this.previous = current;
    this.values.push(flux);
  }

  envelope(): Float64Array {
    return this.values.view().slice();
  }
}

/**
 * The tempo of an onset envelope, or null when it has no periodicity (a steady tone, silence,
 * less than ~4 s of audio).
 *
 * @example
 * estimateTempo(envelope, 86.13); // { bpm: 120.0, confidence: 0.74 }
 */
export function estimateTempo(envelope: Float64Array, frameRate: number): TempoEstimate | null {
  const maxLag = Math.ceil(((4 * 60) / MIN_BPM) * frameRate) + 2;
  if (envelope.length < 2 * ((60 / MIN_BPM) * frameRate)) return null;
  // Mean removal, then light smoothing, so peaks that fall between frames still line up.
  const mean = envelope.reduce((a, b) => a + b, 0) / envelope.length;
  const e = Float64Array.from(envelope, (_, i) => 0.25 * (envelope[i - 1] ?? mean) + 0.5 * envelope[i]! + 0.25 * (envelope[i + 1] ?? mean) - mean);
  const acf = new Float64Array(Math.min(maxLag, e.length));
  for (let lag = 0; lag < acf.length; lag++) {
    let s = 0;
    for (let i = lag; i < e.length; i++) s += e[i]! * e[i - lag]!;
    // Unbiased: later lags overlap fewer frames.
    acf[lag] = s / (e.length - lag);
  }
  if (!(acf[0]! > 1e-12)) return null;
  const at = (lag: number) => {
    const i = Math.floor(lag);
    if (i + 1 >= acf.length) return 0;
    return (acf[i]! + (lag - i) * (acf[i + 1]! - acf[i]!)) / acf[0]!;
  };
  const weights = [1, 1 / 2, 1 / 3, 1 / 4];
  const total = weights.reduce((a, b) => a + b, 0);
  let best: TempoEstimate | null = null;
  let bestScore = -Infinity;
  for (let bpm = MIN_BPM; bpm <= MAX_BPM; bpm += 0.05) {
    const period = (60 / bpm) * frameRate;
    let comb = 0;
    weights.forEach((w, k) => (comb += w * Math.max(0, at((k + 1) * period))));
    comb /= total;
    // Octave check: events halfway through the period mean the beat is twice as fast (a click
    // at every beat also repeats every two beats), so the slower reading loses half of that.
    comb -= 0.5 * Math.max(0, at(period / 2));
    const prior = Math.exp(-0.5 * Math.log2(bpm / 120) ** 2);
    if (comb * prior > bestScore) {
      bestScore = comb * prior;
      best = { bpm, confidence: Math.min(1, comb) };
    }
  }
  if (!best || best.confidence < 0.05) return null;
  return { bpm: Math.round(best.bpm * 10) / 10, confidence: Math.round(best.confidence * 1000) / 1000 };
}

function nextPow2(n: number): number {
  return 2 ** Math.max(1, Math.round(Math.log2(n)));
}
