import { Framer } from './decimator';
import { MagnitudeSpectrum } from './fft';

/**
 * Key estimation: a chromagram (spectral energy folded onto the 12 pitch classes, C2-C7) summed
 * over the track, correlated with the Krumhansl-Kessler major and minor key profiles rotated to
 * each tonic (the Krumhansl-Schmuckler algorithm).
 */

export const PITCH_CLASSES = ['C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'] as const;

/** Krumhansl & Kessler (1982) probe-tone ratings, tonic first. */
const MAJOR = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88];
const MINOR = [6.33, 2.68, 3.52, 5.38, 2.6, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17];

export interface KeyEstimate {
  /** e.g. "A minor", "Eb major". */
  key: string;
  tonic: (typeof PITCH_CLASSES)[number];
  mode: 'major' | 'minor';
  /** Pearson correlation of the chroma with the winning profile, clamped to 0..1. */
  confidence: number;
}

const LOW_HZ = 65.4; // C2
const HIGH_HZ = 2093; // C7

/**
 * Streams mono audio (at the analysis rate, ≥ 4.2 kHz) into a track-wide chroma vector.
 *
 * @example
 * const chroma = new Chromagram(11_025);
 * chroma.push(mono);
 * estimateKey(chroma.vector()); // { key: 'C major', ... }
 */
export class Chromagram {
  private readonly framer: Framer;
  private readonly spectrum: MagnitudeSpectrum;
  private readonly binClass: Int8Array;
  private readonly sum = new Float64Array(12);

  constructor(readonly sampleRate: number) {
    // ~0.37 s windows: 2.7 Hz bins at 11 kHz, finer than a semitone from C2 up.
    const size = 2 ** Math.round(Math.log2(sampleRate * 0.37));
    this.spectrum = new MagnitudeSpectrum(size);
    this.binClass = Int8Array.from({ length: size / 2 + 1 }, (_, k) => {
      const hz = (k * sampleRate) / size;
      if (hz < LOW_HZ || hz > HIGH_HZ) return -1;
      return (((Math.round(12 * Math.log2(hz / 440) + 69) % 12) + 12) % 12) as number;
    });
    this.framer = new Framer(size, size / 2, (frame) => this.frame(frame));
  }

  push(mono: Float32Array): void {
    this.framer.push(mono);
  }

  private frame(frame: Float32Array): void {
    const mags = this.spectrum.of(frame);
    const c = new Float64Array(12);
    for (let k = 0; k < mags.length; k++) {
      const pc = this.binClass[k]!;
      if (pc >= 0) c[pc]! += mags[k]! * mags[k]!;
    }
    // Each frame counts by its shape, not its loudness, so a loud chorus doesn't drown the verse.
    const max = Math.max(...c);
    if (max > 1e-9) for (let i = 0; i < 12; i++) this.sum[i]! += Math.sqrt(c[i]! / max);
  }

  vector(): Float64Array {
    return this.sum.slice();
  }
}

/**
 * The best-matching key of a chroma vector (index 0 = C), or null when it holds no energy.
 *
 * @example
 * estimateKey(Float64Array.of(1, 0, 1, 0, 1, 1, 0, 1, 0, 1, 0, 1)); // { key: 'C major', ... }
 */
export function estimateKey(chroma: Float64Array): KeyEstimate | null {
  if (!(Math.max(...chroma) > 0)) return null;
  let best: KeyEstimate | null = null;
  let bestR = -Infinity;
  for (let tonic = 0; tonic < 12; tonic++) {
    for (const [mode, profile] of [['major', MAJOR], ['minor', MINOR]] as const) {
      const rotated = Array.from({ length: 12 }, (_, i) => profile[(i - tonic + 12) % 12]!);
      const r = pearson(chroma, rotated);
      if (r > bestR) {
        bestR = r;
        const name = PITCH_CLASSES[tonic]!;
        best = { key: `${name} ${mode}`, tonic: name, mode, confidence: Math.round(Math.max(0, Math.min(1, r)) * 1000) / 1000 };
      }
    }
  }
  return best;
}

function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i]! - ma) * (b[i]! - mb);
    saa += (a[i]! - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  }
  return saa === 0 || sbb === 0 ? 0 : sab / Math.sqrt(saa * sbb);
}
