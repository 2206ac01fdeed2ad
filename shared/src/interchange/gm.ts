import type { Instrument } from '../project/schema/instrument';

/** The SMF channel of drums (channel 10, counted from 1). */
export const DRUM_CHANNEL = 9;

/** "electric bass (finger)" → "Electric Bass (finger)": how GM names read in a track list. */
export function titleCase(name: string): string {
  return name.replace(/(^|\s)([a-z])/g, (_, space: string, ch: string) => space + ch.toUpperCase());
}

/**
 * The GM program an Encore instrument exports as. The synth maps to GM's lead synths
 * (80 square, 81 sawtooth), the sampler to the piano, drums to program 0 on channel 10.
 *
 * @example
 * gmProgram({ kind: 'soundfont', program: 33, name: 'Electric Bass (finger)' }); // 33
 */
export function gmProgram(instrument: Instrument): number {
  switch (instrument.kind) {
    case 'soundfont':
      return instrument.program;
    case 'synth':
      return instrument.waveform === 'square' ? 80 : 81;
    case 'sampler':
    case 'drums':
      return 0;
  }
}

/**
 * The tempo an SMF µs-per-quarter value most plausibly came from: the shortest decimal
 * (0-3 places) whose exact µs value is within 1 µs of the file's (writers round or floor).
 * SMF stores whole µs, so 110 BPM is 545454.5… µs; this recovers 110, not 109.99995.
 * Exact for tempos of two decimals up to ~775 BPM, where 0.01 BPM is still over 1 µs.
 *
 * @example
 * canonicalBpm(60_000_000 / 545455); // 110
 */
export function canonicalBpm(bpm: number): number {
  const micros = 60_000_000 / bpm;
  for (let places = 0; places <= 3; places++) {
    const scale = 10 ** places;
    const candidate = Math.round(bpm * scale) / scale;
    if (Math.abs(60_000_000 / candidate - micros) < 1) return candidate;
  }
  return bpm;
}

/** A bpm that @tonejs/midi (which floors µs) writes as the nearest whole µs to `bpm`. */
export function encodableBpm(bpm: number): number {
  return 60_000_000 / (Math.round(60_000_000 / bpm) + 0.5);
}
