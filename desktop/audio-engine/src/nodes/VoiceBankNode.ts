import { DEFAULT_ADSR } from '../dsp/envelope';
import { EngineError } from '../core/errors';
import { PROCESSOR_NAMES, VOICE_EVENT_STRIDE, type VoiceEvent, type VoiceBankMessage, type VoiceBankProcessorOptions, type VoiceBankReply } from '../worklets/protocol';

export type VoiceBankOptions = VoiceBankProcessorOptions;

/** One note event for the voice bank, at a context time in seconds. */
export interface NoteEvent {
  readonly time: number;
  readonly kind: VoiceEvent;
  /** Identifies the note so its note-off reaches the voice that plays it. */
  readonly id: number;
  readonly pitch: number;
  readonly velocity: number;
}

/**
 * A polyphonic instrument: a fixed pool of voices in an AudioWorklet (voiceBank.worklet.ts),
 * driven by sample-accurate note events sent ahead of time. Mono output.
 *
 * Delivery is acknowledged: {@link VoiceBankNode.delivered} resolves once the processor holds
 * every batch sent so far, which is how an offline render knows it may resume.
 *
 * @example
 * const synth = new VoiceBankNode(context, { waveform: 'sawtooth', voices: 8 });
 * synth.output.connect(context.destination);
 * synth.send([{ time: 0, kind: VoiceEvent.NoteOn, id: 1, pitch: 69, velocity: 100 }]);
 */
export class VoiceBankNode {
  readonly output: AudioWorkletNode;
  private seq = 0;
  private acked = 0;
  private waiters: { seq: number; resolve: () => void; reject: (e: Error) => void }[] = [];
  private failure: Error | undefined;
  private disposed = false;

  static getDefaults(): VoiceBankOptions {
    return { voices: 16, waveform: 'sawtooth', ...DEFAULT_ADSR, gain: 0.25, sample: null };
  }

  constructor(
    private readonly context: BaseAudioContext,
    options: Partial<VoiceBankOptions> = {},
  ) {
    const o = { ...VoiceBankNode.getDefaults(), ...options };
    this.output = new AudioWorkletNode(context, PROCESSOR_NAMES.voiceBank, {
      numberOfInputs: 0,
      numberOfOutputs: 1,
      outputChannelCount: [1],
      processorOptions: o,
    });
    this.output.port.onmessage = (e: MessageEvent<VoiceBankReply>) => {
      this.acked = Math.max(this.acked, e.data.seq);
      this.waiters = this.waiters.filter((w) => (w.seq <= this.acked ? (w.resolve(), false) : true));
    };
    this.output.onprocessorerror = () => this.fail(new EngineError('WORKLET_FAILED', 'the voice bank processor failed'));
  }

  /** Sends note events (any order; the processor plays them at their frames). */
  send(events: readonly NoteEvent[]): void {
    if (this.disposed || events.length === 0) return;
    const data = new Float64Array(events.length * VOICE_EVENT_STRIDE);
    const sorted = [...events].sort((a, b) => a.time - b.time);
    sorted.forEach((e, i) => data.set([Math.round(e.time * this.context.sampleRate), e.kind, e.id, e.pitch, e.velocity], i * VOICE_EVENT_STRIDE));
    const message: VoiceBankMessage = { type: 'events', seq: ++this.seq, data };
    this.output.port.postMessage(message, [data.buffer]);
  }

  /** Resolves when the processor has received everything sent so far. */
  delivered(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const seq = this.seq;
    if (this.acked >= seq || this.disposed) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ seq, resolve, reject }));
  }

  /** Drops queued events and releases every sounding voice (transport stop). */
  clear(): void {
    if (!this.disposed) this.output.port.postMessage({ type: 'clear' } satisfies VoiceBankMessage);
  }

  /** Disconnects the node and stops its processor. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.output.disconnect();
    this.output.port.postMessage({ type: 'dispose' });
    this.output.port.onmessage = null;
    for (const w of this.waiters) w.resolve();
    this.waiters = [];
  }

  private fail(error: Error): void {
    this.failure = error;
    for (const w of this.waiters) w.reject(error);
    this.waiters = [];
  }
}
