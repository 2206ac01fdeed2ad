import type { Instrument } from '@encore/shared/project/schema/instrument';
import { EngineError } from '../core/errors';
import type { NoteEvent } from '../nodes/VoiceBankNode';
import { VOICE_EVENT_STRIDE } from '../worklets/protocol';
import { SOUNDFONT_PROCESSOR, type SoundfontMessage, type SoundfontProcessorOptions, type SoundfontReply } from './protocol';

/** A sound bank as the host hands it to the engine (user-chosen file or a path the host serves). */
export interface SoundfontSource {
  /** Stable per bank (e.g. its SHA-256): processors share a parsed bank by it. */
  readonly id: string;
  readonly bytes: ArrayBuffer;
  /** Where soundfont.worklet.ts is served (SOUNDFONT_WORKLET_URL in Vite builds). */
  readonly moduleUrl: string;
}

export interface SoundfontNodeOptions {
  readonly source: SoundfontSource;
  readonly instrument: Instrument | null;
  /** Linear output gain. */
  readonly gain: number;
}

const modules = new WeakMap<BaseAudioContext, Map<string, Promise<void>>>();

function loadModule(context: BaseAudioContext, url: string): Promise<void> {
  let byUrl = modules.get(context);
  if (!byUrl) modules.set(context, (byUrl = new Map()));
  let pending = byUrl.get(url);
  if (!pending) {
    pending = context.audioWorklet.addModule(url).catch((cause: unknown) => {
      byUrl.delete(url);
      throw new EngineError('WORKLET_LOAD_FAILED', `could not load the soundfont worklet: ${String(cause)}`, { cause });
    });
    byUrl.set(url, pending);
  }
  return pending;
}

/**
 * The soundfont player or drum machine of one instrument track, with the voice bank's interface
 * (send, delivered, clear, dispose) so the graph and scheduler drive it the same way. Stereo out.
 * The worklet module loads on first use: the processor is created once it is in, and
 * {@link SoundfontNode.delivered} resolves only when the synth is ready and holds every event
 * sent so far (events sent earlier are kept and forwarded).
 *
 * @example
 * const piano = new SoundfontNode(context, { source, instrument: { kind: 'soundfont', program: 0, name: 'Piano' }, gain: 1 });
 * piano.output.connect(context.destination);
 * piano.send([{ time: 0, kind: VoiceEvent.NoteOn, id: 1, pitch: 60, velocity: 100 }]);
 * await piano.delivered();
 */
export class SoundfontNode {
  readonly output: GainNode;
  private node: AudioWorkletNode | null = null;
  private pending: SoundfontMessage[] = [];
  private seq = 0;
  private acked = 0;
  private ready = false;
  private waiters: { seq: number; resolve: () => void; reject: (e: Error) => void }[] = [];
  private failure: Error | undefined;
  private disposed = false;

  constructor(
    private readonly context: BaseAudioContext,
    private readonly options: SoundfontNodeOptions,
  ) {
    this.output = new GainNode(context, { gain: 1 });
    loadModule(context, options.source.moduleUrl).then(() => this.start(), (e: unknown) => this.fail(e instanceof Error ? e : new Error(String(e))));
  }

  private start(): void {
    if (this.disposed) return;
    const processorOptions: SoundfontProcessorOptions = { bankId: this.options.source.id, instrument: this.options.instrument, gain: this.options.gain };
    const node = new AudioWorkletNode(this.context, SOUNDFONT_PROCESSOR, { numberOfInputs: 0, numberOfOutputs: 1, outputChannelCount: [2], processorOptions });
    node.port.onmessage = (e: MessageEvent<SoundfontReply>) => this.receive(e.data);
    node.onprocessorerror = () => this.fail(new EngineError('WORKLET_FAILED', 'the soundfont processor failed'));
    node.connect(this.output);
    this.node = node;
    for (const m of this.pending) node.port.postMessage(m);
    this.pending = [];
  }

  private receive(reply: SoundfontReply): void {
    if (reply.type === 'need-bank') this.post({ type: 'bank', bytes: this.options.source.bytes.slice(0) });
    else if (reply.type === 'error') this.fail(new EngineError('WORKLET_FAILED', `the soundfont player failed: ${reply.message}`));
    else {
      if (reply.type === 'ready') this.ready = true;
      else this.acked = Math.max(this.acked, reply.seq);
      this.settle();
    }
  }

  private settle(): void {
    if (!this.ready) return;
    this.waiters = this.waiters.filter((w) => (w.seq <= this.acked ? (w.resolve(), false) : true));
  }

  private post(message: SoundfontMessage): void {
    if (this.node) this.node.port.postMessage(message);
    else this.pending.push(message);
  }

  /** Sends note events (VoiceEvent kinds; note-offs find their note by pitch). */
  send(events: readonly NoteEvent[]): void {
    if (this.disposed || events.length === 0) return;
    const data = new Float64Array(events.length * VOICE_EVENT_STRIDE);
    const sorted = [...events].sort((a, b) => a.time - b.time);
    sorted.forEach((e, i) => data.set([Math.round(e.time * this.context.sampleRate), e.kind, e.id, e.pitch, e.velocity], i * VOICE_EVENT_STRIDE));
    this.post({ type: 'events', seq: ++this.seq, data });
  }

  /** Resolves when the synth is ready and has received everything sent so far. */
  delivered(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const seq = this.seq;
    if ((this.ready && this.acked >= seq) || this.disposed) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ seq, resolve, reject }));
  }

  /** Drops queued events and releases every sounding note (transport stop). */
  clear(): void {
    if (!this.disposed) this.post({ type: 'clear' });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.output.disconnect();
    if (this.node) {
      this.node.disconnect();
      this.node.port.postMessage({ type: 'dispose' } satisfies SoundfontMessage);
      this.node.port.onmessage = null;
    }
    for (const w of this.waiters) w.resolve();
    this.waiters = [];
  }

  private fail(error: Error): void {
    this.failure = error;
    for (const w of this.waiters) w.reject(error);
    this.waiters = [];
  }
}
