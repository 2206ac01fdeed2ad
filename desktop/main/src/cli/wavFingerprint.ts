import { readFileSync } from 'node:fs';
import { goertzel } from '@encore/audio-engine/dsp/testSignals';

/**
 * A small fingerprint of a rendered song, to check that a change to how it is rendered did not
 * change how it sounds (gmRender.test.ts keeps the fingerprint of a reference render): the RMS
 * of every second per channel, and the level at a few pitches (Goertzel) in every tenth second.
 */
export interface WavFingerprint {
  readonly sampleRate: number;
  readonly frames: number;
  /** Per whole second: [left, right] RMS in dBFS (rounded to 0.001 dB). */
  readonly rmsDb: readonly (readonly [number, number])[];
  /** Per tenth second (0, 10, 20 … s): the left channel's level at each of FINGERPRINT_HZ, dB. */
  readonly spectrumDb: readonly (readonly number[])[];
}

export const FINGERPRINT_HZ = [55, 110, 220, 440, 880, 1760, 3520, 7040] as const;

/** The planes of a 16- or 24-bit PCM stereo WAV file. */
export function readWavStereo(path: string): { sampleRate: number; left: Float32Array; right: Float32Array } {
  const b = readFileSync(path);
  if (b.toString('ascii', 0, 4) !== 'RIFF' || b.toString('ascii', 8, 12) !== 'WAVE') throw new Error(`${path}: not a WAV file`);
  let at = 12;
  let sampleRate = 0;
  let channels = 0;
  let bits = 0;
  while (at + 8 <= b.length) {
    const id = b.toString('ascii', at, at + 4);
    const size = b.readUInt32LE(at + 4);
    if (id === 'fmt ') {
      channels = b.readUInt16LE(at + 10);
      sampleRate = b.readUInt32LE(at + 12);
      bits = b.readUInt16LE(at + 22);
    } else if (id === 'data') {
      if (channels !== 2 || (bits !== 16 && bits !== 24)) throw new Error(`${path}: ${channels} channels of ${bits} bits; expected 16- or 24-bit stereo`);
      const bytes = bits / 8;
      const frames = Math.floor(size / (bytes * 2));
      const left = new Float32Array(frames);
      const right = new Float32Array(frames);
      const scale = 1 / 2 ** (bits - 1);
      for (let i = 0, p = at + 8; i < frames; i++, p += 2 * bytes) {
        left[i] = b.readIntLE(p, bytes) * scale;
        right[i] = b.readIntLE(p + bytes, bytes) * scale;
      }
      return { sampleRate, left, right };
    }
    at += 8 + size + (size % 2);
  }
  throw new Error(`${path}: no data chunk`);
}

const db = (power: number) => Math.round(10 * Math.log10(power + 1e-20) * 1000) / 1000;

/** The fingerprint of stereo planes (see {@link WavFingerprint}). */
export function fingerprint(sampleRate: number, left: Float32Array, right: Float32Array): WavFingerprint {
  const rmsDb: [number, number][] = [];
  const spectrumDb: number[][] = [];
  for (let s = 0; (s + 1) * sampleRate <= left.length; s++) {
    const a = s * sampleRate;
    const pair = [left, right].map((x) => {
      let sum = 0;
      for (let i = a; i < a + sampleRate; i++) sum += x[i]! * x[i]!;
      return db(sum / sampleRate);
    }) as [number, number];
    rmsDb.push(pair);
    if (s % 10 === 0) {
      const second = left.subarray(a, a + sampleRate);
      spectrumDb.push(FINGERPRINT_HZ.map((hz) => db(goertzel(second, hz, sampleRate))));
    }
  }
  return { sampleRate, frames: left.length, rmsDb, spectrumDb };
}
