import { SoundBankLoader, SpessaSynthProcessor, type BasicSoundBank, type ReverbProcessor } from 'spessasynth_core';
import type { Instrument } from '@encore/shared/project/schema/instrument';
import { gmProgram } from '@encore/shared/interchange/gm';
import { EngineError } from '../core/errors';
import { GmChorus } from './gmChorus';
import { GmReverb } from './gmReverb';

/**
 * The General MIDI soundfont player and drum machine: spessasynth_core's SF2/SF3 synthesis with
 * one MIDI channel per Encore track, the reverb on the engine's Freeverb kernel. No Web Audio:
 * the soundfont worklet (soundfont.worklet.ts) and the headless renderer (headless/sources.ts) both
 * drive it block by block.
 */

export type SoundBank = BasicSoundBank;

/** GM2/GS drum kits by program; a kit name picks the first whose words it contains. */
const KITS: readonly (readonly [string, number])[] = [
  ['standard', 0], ['room', 8], ['power', 16], ['electronic', 24], ['808', 25], ['tr-808', 25], ['jazz', 32], ['brush', 40], ['orchestra', 48], ['sfx', 56],
];

/** The GM drum kit program a kit name stands for (Standard = 0 when nothing matches). */
export function drumKitProgram(kit: string): number {
  const name = kit.toLowerCase();
  return KITS.find(([word]) => name.includes(word))?.[1] ?? 0;
}

/**
 * Parses an SF2, SF3 (Ogg Vorbis samples) or DLS sound bank. Throws EngineError BAD_OPTIONS
 * (details.reason 'bad-soundfont') when the bytes are not one.
 *
 * @example
 * const bank = parseSoundBank(await (await fetch('/soundfonts/gm.sf3')).arrayBuffer());
 */
export function parseSoundBank(bytes: ArrayBuffer | Uint8Array): SoundBank {
  const buffer = bytes instanceof Uint8Array ? bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) : bytes;
  let bank: SoundBank;
  try {
    bank = SoundBankLoader.fromArrayBuffer(buffer as ArrayBuffer);
  } catch (cause) {
    throw new EngineError('BAD_OPTIONS', `not a readable SF2/SF3 soundfont: ${cause instanceof Error ? cause.message : String(cause)}`, { cause, details: { reason: 'bad-soundfont' } });
  }
  if (bank.presets.length === 0) throw new EngineError('BAD_OPTIONS', 'the soundfont has no presets', { details: { reason: 'bad-soundfont' } });
  return bank;
}

export interface GmSynthOptions {
  sampleRate: number;
  /** Frames per spessasynth call at most (modulators and LFOs update per call). */
  blockSize: number;
  /** Voices sounding at once, all channels together. */
  voiceCap: number;
  /** Where the GM reverb send goes: null for the synth's own reverb (GmReverb). */
  reverb: ReverbProcessor | null;
}

export interface ChannelMix {
  /** Linear gain. */
  readonly gain: number;
  /** -1 (left) to 1 (right). */
  readonly pan: number;
}

export class GmSynth {
  readonly options: GmSynthOptions;
  private readonly synth: SpessaSynthProcessor;

  static getDefaults(): GmSynthOptions {
    return { sampleRate: 48_000, blockSize: 512, voiceCap: 256, reverb: null };
  }

  /**
   * A synth over a parsed bank (share one bank between synths: parsing is the slow part).
   *
   * @example
   * const synth = await GmSynth.create(bank, { sampleRate: 44_100 });
   * synth.assign(0, { kind: 'soundfont', program: 0, name: 'Acoustic Grand Piano' });
   * synth.noteOn(0, 60, 100);
   * synth.render(left, right, 0, 512);
   */
  static async create(bank: SoundBank, options: Partial<GmSynthOptions> = {}): Promise<GmSynth> {
    const o = { ...GmSynth.getDefaults(), ...options };
    const synth = new SpessaSynthProcessor(o.sampleRate, {
      eventsEnabled: false,
      effectsEnabled: true,
      maxBufferSize: o.blockSize,
      reverbProcessor: o.reverb ?? new GmReverb(o.sampleRate, o.blockSize),
      chorusProcessor: new GmChorus(o.sampleRate, o.blockSize),
    });
    synth.soundBankManager.addSoundBank(bank, 'gm');
    await synth.processorInitialized;
    synth.setSystemParameter('voiceCap', o.voiceCap);
    return new GmSynth(synth, o);
  }

  private constructor(synth: SpessaSynthProcessor, options: GmSynthOptions) {
    this.synth = synth;
    this.options = options;
  }

  get channels(): number {
    return this.synth.midiChannels.length;
  }

  get voiceCount(): number {
    return this.synth.voiceCount;
  }

  /** Makes `channel` play an instrument: a GM program, a drum kit, or the GM program nearest a synth or sampler. */
  assign(channel: number, instrument: Instrument | null): void {
    while (this.synth.midiChannels.length <= channel) this.synth.createMIDIChannel();
    const ch = this.synth.midiChannels[channel]!;
    if (instrument?.kind === 'drums') {
      ch.setDrums(true);
      this.synth.programChange(channel, drumKitProgram(instrument.kit));
    } else {
      ch.setDrums(false);
      this.synth.controllerChange(channel, 0, 0);
      this.synth.programChange(channel, instrument ? gmProgram(instrument) : 0);
    }
  }

  /** The channel's level and position (a track's fader and pan). */
  mix(channel: number, mix: ChannelMix): void {
    const ch = this.synth.midiChannels[channel];
    if (!ch) return;
    ch.setSystemParameter('gain', Math.max(0, mix.gain));
    ch.setSystemParameter('pan', Math.min(1, Math.max(-1, mix.pan)));
  }

  noteOn(channel: number, pitch: number, velocity: number): void {
    if (velocity <= 0) this.synth.noteOff(channel, pitch);
    else this.synth.noteOn(channel, pitch, Math.min(127, Math.round(velocity)));
  }

  noteOff(channel: number, pitch: number): void {
    this.synth.noteOff(channel, pitch);
  }

  /** Releases every note (transport stop); `force` silences them at once. */
  releaseAll(force = false): void {
    this.synth.stopAllChannels(force);
  }

  /** Adds `count` frames of the synth's output to `left`/`right` from `offset` on. */
  render(left: Float32Array, right: Float32Array, offset: number, count: number): void {
    const B = this.options.blockSize;
    for (let done = 0; done < count; done += B) this.synth.process(left, right, offset + done, Math.min(B, count - done));
  }

  /** Silences the synth and drops its voice cache; the bank stays usable by other synths. */
  dispose(): void {
    // Not destroySynthProcessor(): that destroys the (shared) sound bank too.
    this.synth.stopAllChannels(true);
    this.synth.clearCache();
  }
}
