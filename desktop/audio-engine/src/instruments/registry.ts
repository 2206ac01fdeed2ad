import type { Instrument } from '@encore/shared/project/schema/instrument';
import type { NoteEvent } from '../nodes/VoiceBankNode';
import { SoundfontNode, type SoundfontSource } from './SoundfontNode';

/**
 * What the render graph needs of an instrument: the voice bank's interface (VoiceBankNode has it
 * too), so the scheduler drives every instrument alike.
 */
export interface InstrumentNode {
  readonly output: AudioNode;
  send(events: readonly NoteEvent[]): void;
  delivered(): Promise<void>;
  clear(): void;
  dispose(): void;
}

let soundfont: SoundfontSource | null = null;

/**
 * Makes the General MIDI soundfont player and the drum machine play through this sound bank in
 * every graph built from now on (null: they fall back to the built-in synth, as before).
 *
 * @example
 * useSoundfont({ id: hash, bytes: await file.arrayBuffer(), moduleUrl: SOUNDFONT_WORKLET_URL });
 */
export function useSoundfont(source: SoundfontSource | null): void {
  soundfont = source;
}

export function currentSoundfont(): SoundfontSource | null {
  return soundfont;
}

/**
 * The graph's hook (renderGraph.ts buildInstrument): the instrument this module plays for a
 * track, or null to let the graph build its own (synth, sampler, or the synth fallback).
 */
export function createRegisteredInstrument(context: BaseAudioContext, instrument: Instrument | null): InstrumentNode | null {
  if (!soundfont || (instrument?.kind !== 'soundfont' && instrument?.kind !== 'drums')) return null;
  return new SoundfontNode(context, { source: soundfont, instrument, gain: 1 });
}
