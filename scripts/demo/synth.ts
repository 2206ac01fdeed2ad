/**
 * Music-like audio for the demo catalog, synthesised in a few lines rather than shipped: a
 * chord progression (pad + bass), an arpeggiated lead and a drum pattern at a tempo, so the
 * processing job has a real beat and key to find and the player has something to play.
 */

export interface SongSpec {
  /** MIDI note of the tonic (57 = A3). */
  tonic: number;
  mode: 'major' | 'minor';
  bpm: number;
  seconds: number;
  /** Varies the melody and drums between songs. */
  seed: number;
}

const MAJOR_STEPS = [0, 2, 4, 5, 7, 9, 11];
const MINOR_STEPS = [0, 2, 3, 5, 7, 8, 10];
/** Scale degrees of the progression's chord roots (I-V-vi-IV / i-VI-III-VII). */
const PROGRESSION = { major: [0, 4, 5, 3], minor: [0, 5, 2, 6] } as const;

const hz = (note: number) => 440 * 2 ** ((note - 69) / 12);

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/** Triad on a scale degree, as MIDI notes. */
function triad(spec: SongSpec, degree: number): number[] {
  const steps = spec.mode === 'major' ? MAJOR_STEPS : MINOR_STEPS;
  return [0, 2, 4].map((k) => {
    const d = degree + k;
    return spec.tonic + steps[d % 7]! + 12 * Math.floor(d / 7);
  });
}

/**
 * Mono float samples of a song at `rate`.
 *
 * @example
 * const pcm = synthesiseSong({ tonic: 57, mode: 'minor', bpm: 100, seconds: 30, seed: 1 }, 22_050);
 */
export function synthesiseSong(spec: SongSpec, rate: number): Float32Array {
  const out = new Float32Array(Math.round(spec.seconds * rate));
  const beat = 60 / spec.bpm;
  const bar = 4 * beat;
  const random = rng(spec.seed);
  const hatEvery = random() < 0.5 ? 0.5 : 0.25;
  const arpPattern = Array.from({ length: 8 }, () => Math.floor(random() * 3));
  const add = (start: number, seconds: number, f: (t: number) => number) => {
    const a = Math.round(start * rate);
    const n = Math.min(out.length - a, Math.round(seconds * rate));
    for (let i = 0; i < n; i++) out[a + i]! += f(i / rate);
  };
  let noise = spec.seed + 7;
  const white = () => ((noise = (noise * 1103515245 + 12345) >>> 0) / 2 ** 31 - 1);
  for (let b = 0; b * bar < spec.seconds; b++) {
    const chord = triad(spec, PROGRESSION[spec.mode][b % 4]!);
    const t0 = b * bar;
    // Pad: soft saw-ish partials, slow attack.
    for (const note of chord) add(t0, bar, (t) => (0.05 * Math.min(1, t / 0.2) * [1, 2, 3].reduce((s, h) => s + Math.sin(2 * Math.PI * hz(note) * h * t) / h, 0)));
    // Bass on every beat.
    for (let k = 0; k < 4; k++) add(t0 + k * beat, beat, (t) => 0.18 * Math.exp(-3 * t) * Math.sin(2 * Math.PI * hz(chord[0]! - 12) * t));
    // Arpeggio in eighths, an octave up.
    for (let k = 0; k < 8; k++) {
      const note = chord[arpPattern[k]!]! + 12;
      add(t0 + (k * beat) / 2, beat / 2, (t) => 0.07 * Math.exp(-6 * t) * Math.sin(2 * Math.PI * hz(note) * t));
    }
    // Drums: kick on 1 and 3, snare on 2 and 4, hats.
    for (let k = 0; k < 4; k++) {
      const at = t0 + k * beat;
      if (k % 2 === 0) add(at, 0.25, (t) => 0.5 * Math.exp(-12 * t) * Math.sin(2 * Math.PI * (50 + 60 * Math.exp(-30 * t)) * t));
      else add(at, 0.2, (t) => 0.18 * Math.exp(-18 * t) * white());
    }
    for (let h = 0; h < 4; h += hatEvery) add(t0 + h * beat, 0.05, (t) => 0.05 * Math.exp(-60 * t) * white());
  }
  // Fade out, and keep clear of clipping.
  const fade = Math.round(2 * rate);
  for (let i = 0; i < fade && i < out.length; i++) out[out.length - 1 - i]! *= i / fade;
  let peak = 0;
  for (const v of out) peak = Math.max(peak, Math.abs(v));
  if (peak > 0.89) for (let i = 0; i < out.length; i++) out[i]! *= 0.89 / peak;
  return out;
}

/** A 16-bit PCM mono WAV file of float samples. */
export function encodeWavMono(samples: Float32Array, rate: number): Buffer {
  const data = Buffer.alloc(samples.length * 2);
  for (let i = 0; i < samples.length; i++) data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, samples[i]!)) * 32767), i * 2);
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'latin1');
  h.writeUInt32LE(36 + data.length, 4);
  h.write('WAVEfmt ', 8, 'latin1');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(1, 22);
  h.writeUInt32LE(rate, 24);
  h.writeUInt32LE(rate * 2, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'latin1');
  h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}
