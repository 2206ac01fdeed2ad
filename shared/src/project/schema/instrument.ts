import { z } from 'zod';
import { Midi7, Name, Sha256 } from './common';

/**
 * What plays an instrument track's MIDI clips. A plain value on the track: swapping instruments
 * replaces it whole, and concurrent swaps resolve to one instrument.
 */
export const Instrument = z.discriminatedUnion('kind', [
  /** The built-in polyphonic synth. */
  z.object({ kind: z.literal('synth'), waveform: z.enum(['sine', 'triangle', 'square', 'sawtooth']), voices: z.int().min(1).max(64) }),
  /** Plays one audio asset, pitched from its root note. */
  z.object({ kind: z.literal('sampler'), assetHash: Sha256.nullable(), rootPitch: Midi7 }),
  /** The General MIDI soundfont player: `program` 0-127, `name` as GM calls it. */
  z.object({ kind: z.literal('soundfont'), program: Midi7, name: Name }),
  /** The drum machine, GM drum map (channel 10 in SMF). */
  z.object({ kind: z.literal('drums'), kit: Name }),
]);
export type Instrument = z.infer<typeof Instrument>;
export type InstrumentKind = Instrument['kind'];

/** The instrument a new instrument track gets. */
export const DEFAULT_INSTRUMENT: Instrument = { kind: 'synth', waveform: 'sawtooth', voices: 16 };
