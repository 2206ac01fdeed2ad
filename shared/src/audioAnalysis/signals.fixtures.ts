/** Known test signals for the analysis kernels (EBU Tech 3341/3342 tones, click tracks, chords). */

/** A sine segment of `seconds` at `dbfs` peak level. */
export function tone(seconds: number, dbfs: number, sampleRate: number, hz = 1000): Float32Array {
  const a = 10 ** (dbfs / 20);
  return Float32Array.from({ length: Math.round(seconds * sampleRate) }, (_, n) => a * Math.sin((2 * Math.PI * hz * n) / sampleRate));
}

/** Concatenates tone segments, e.g. the Tech 3341 gating cases: [[10, -36], [60, -23], [10, -36]]. */
export function toneSequence(segments: readonly (readonly [seconds: number, dbfs: number])[], sampleRate: number): Float32Array {
  const parts = segments.map(([s, db]) => tone(s, db, sampleRate));
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A click track: a 10 ms decaying noise burst (deterministic) on every beat. */
export function clickTrack(bpm: number, seconds: number, sampleRate: number): Float32Array {
  const out = new Float32Array(Math.round(seconds * sampleRate));
  const clickLen = Math.round(0.01 * sampleRate);
  let seed = 12345;
  const noise = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32) * 2 - 1;
  for (let beat = 0; ; beat++) {
    const start = Math.round((beat * 60 * sampleRate) / bpm);
    if (start >= out.length) break;
    for (let i = 0; i < clickLen && start + i < out.length; i++) out[start + i] = 0.8 * noise() * Math.exp(-i / (0.2 * clickLen));
  }
  return out;
}

/** MIDI note number → Hz (A4 = 69 = 440 Hz). */
export const midiHz = (note: number) => 440 * 2 ** ((note - 69) / 12);

/**
 * Chords (MIDI notes each) played in turn for `secondsEach`, as sums of decaying harmonic tones
 * (three partials), like a plucked or struck instrument.
 */
export function chordProgression(chords: readonly (readonly number[])[], secondsEach: number, sampleRate: number, repeats = 1): Float32Array {
  const len = Math.round(secondsEach * sampleRate);
  const out = new Float32Array(len * chords.length * repeats);
  for (let r = 0; r < repeats; r++) {
    chords.forEach((notes, c) => {
      const offset = (r * chords.length + c) * len;
      for (const note of notes) {
        const hz = midiHz(note);
        for (let n = 0; n < len; n++) {
          const t = n / sampleRate;
          const env = Math.exp(-2 * t) * Math.min(1, n / 100);
          let v = 0;
          for (let h = 1; h <= 3; h++) v += Math.sin(2 * Math.PI * hz * h * t) / h;
          out[offset + n]! += (0.15 * env * v) / notes.length;
        }
      }
    });
  }
  return out;
}

/** Feeds `channels` to `push` in blocks of `blockSize` frames, like a decoder would. */
export function inBlocks(channels: readonly Float32Array[], blockSize: number, push: (block: Float32Array[]) => void): void {
  const n = channels[0]!.length;
  for (let i = 0; i < n; i += blockSize) push(channels.map((c) => c.subarray(i, Math.min(n, i + blockSize))));
}
