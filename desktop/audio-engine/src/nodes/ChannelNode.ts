import { EngineError } from '../core/errors';
import { ParamOp, PROCESSOR_NAMES, VOICE_EVENT_STRIDE, type ChannelLevels, type ChannelMessage, type ChannelProcessorOptions, type ChannelReply } from '../worklets/protocol';
import type { NoteEvent } from './VoiceBankNode';

/** What automation writes to: an AudioParam, or a slot of a fused channel. */
export interface ParamLike {
  setValueAtTime(value: number, startTime: number): unknown;
  linearRampToValueAtTime(value: number, endTime: number): unknown;
  cancelScheduledValues(cancelTime: number): unknown;
}

/** One slot of a {@link ChannelNode}: records events as an AudioParam would take them. */
class SlotParam implements ParamLike {
  constructor(
    private readonly node: ChannelNode,
    private readonly slot: number,
  ) {}
  setValueAtTime(value: number, time: number): this {
    this.node.queue(ParamOp.Set, this.slot, time, value);
    return this;
  }
  linearRampToValueAtTime(value: number, time: number): this {
    this.node.queue(ParamOp.Ramp, this.slot, time, value);
    return this;
  }
  cancelScheduledValues(time: number): this {
    this.node.queue(ParamOp.Cancel, this.slot, time, 0);
    return this;
  }
}

/**
 * Fused mixer channels in one processor (channel.worklet.ts): per member, voices or an input,
 * device chain, fader, pan and sends, summed into the processor's stereo outputs. Its params are
 * {@link ParamLike} slots (numbered across the members, in order) whose events go to the
 * processor in acknowledged batches (flushed at the end of the current task, or by
 * {@link delivered}); so do the members' notes ({@link sendNotes}).
 *
 * @example
 * const member = { inputGain: 1, stages: [], values: [1, 0.707, 0.707], sends: [], input: 0, outputs: [0], voices: null };
 * const ch = new ChannelNode(context, { members: [member], inputs: 1, outputs: 1 });
 * source.connect(ch.node); ch.node.connect(context.destination, 0);
 */
export class ChannelNode {
  readonly node: AudioWorkletNode;
  readonly slots: readonly ParamLike[];
  private pending: number[] = [];
  private flushing = false;
  private seq = 0;
  private acked = 0;
  private waiters: { seq: number; resolve: () => void; reject: (e: Error) => void }[] = [];
  private failure: Error | undefined;
  private disposed = false;
  private readonly meters = new Map<number, (levels: readonly ChannelLevels[], time: number) => void>();

  constructor(context: BaseAudioContext, options: ChannelProcessorOptions) {
    this.node = new AudioWorkletNode(context, PROCESSOR_NAMES.channel, {
      numberOfInputs: options.inputs,
      numberOfOutputs: options.outputs,
      outputChannelCount: Array.from({ length: options.outputs }, () => 2),
      processorOptions: options,
    });
    const slots: ParamLike[] = [];
    for (const m of options.members) for (let i = 0; i < m.values.length; i++) slots.push(new SlotParam(this, slots.length));
    this.slots = slots;
    this.node.port.onmessage = (e: MessageEvent<ChannelReply>) => {
      if (e.data.type === 'levels') {
        this.meters.get(e.data.member)?.(e.data.channels, e.data.frame / context.sampleRate);
        return;
      }
      this.acked = Math.max(this.acked, e.data.seq);
      this.waiters = this.waiters.filter((w) => (w.seq <= this.acked ? (w.resolve(), false) : true));
    };
    this.node.onprocessorerror = () => this.fail(new EngineError('WORKLET_FAILED', 'the channel processor failed'));
  }

  /** Adds one event to the next batch. */
  queue(op: ParamOp, slot: number, time: number, value: number): void {
    if (this.disposed) return;
    this.pending.push(op, slot, time, value);
    if (!this.flushing) {
      this.flushing = true;
      queueMicrotask(() => this.flush());
    }
  }

  /** Sends the queued events now. */
  flush(): void {
    this.flushing = false;
    if (this.disposed || this.pending.length === 0) return;
    const data = Float64Array.from(this.pending);
    this.pending = [];
    const message: ChannelMessage = { type: 'events', seq: ++this.seq, data };
    this.node.port.postMessage(message, [data.buffer]);
  }

  /** Sends note events for member `member`'s voices (any order; played at their frames). */
  sendNotes(member: number, events: readonly NoteEvent[]): void {
    if (this.disposed || events.length === 0) return;
    this.flush();
    const data = new Float64Array(events.length * VOICE_EVENT_STRIDE);
    const rate = this.node.context.sampleRate;
    [...events].sort((a, b) => a.time - b.time).forEach((e, i) => data.set([Math.round(e.time * rate), e.kind, e.id, e.pitch, e.velocity], i * VOICE_EVENT_STRIDE));
    const message: ChannelMessage = { type: 'notes', seq: ++this.seq, member, data };
    this.node.port.postMessage(message, [data.buffer]);
  }

  /** Calls `listener` with member `member`'s meter levels (members built with a meter). */
  onLevels(member: number, listener: (levels: readonly ChannelLevels[], time: number) => void): void {
    this.meters.set(member, listener);
  }

  /** Drops member `member`'s queued notes and releases its voices (transport stop). */
  clearNotes(member: number): void {
    if (!this.disposed) this.node.port.postMessage({ type: 'clear', member } satisfies ChannelMessage);
  }

  /** Resolves once the processor holds every event queued so far. */
  delivered(): Promise<void> {
    this.flush();
    if (this.failure) return Promise.reject(this.failure);
    const seq = this.seq;
    if (this.acked >= seq || this.disposed) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ seq, resolve, reject }));
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.node.disconnect();
    this.node.port.postMessage({ type: 'dispose' } satisfies ChannelMessage);
    this.node.port.onmessage = null;
    for (const w of this.waiters) w.resolve();
    this.waiters = [];
  }

  private fail(error: Error): void {
    this.failure = error;
    for (const w of this.waiters) w.reject(error);
    this.waiters = [];
  }
}

/**
 * The voices of one member of a {@link ChannelNode}, as the graph's instrument: the scheduler
 * sends notes to it as to a voice bank. It owns no node (the channel does).
 *
 * @example
 * const synth = new ChannelVoices(channel, 0);
 * synth.send([{ time: 0, kind: VoiceEvent.NoteOn, id: 1, pitch: 69, velocity: 100 }]);
 */
export class ChannelVoices {
  constructor(
    private readonly channel: ChannelNode,
    private readonly member: number,
  ) {}
  send(events: readonly NoteEvent[]): void {
    this.channel.sendNotes(this.member, events);
  }
  delivered(): Promise<void> {
    return this.channel.delivered();
  }
  clear(): void {
    this.channel.clearNotes(this.member);
  }
  /** Nothing to release: the channel node is disposed with its strip. */
  dispose(): void {}
}

/**
 * The meter of one member of a {@link ChannelNode} (post fader, as a MeterNode on the strip's
 * output would read): the latest levels, as MeterNode has them.
 */
export class ChannelMeter {
  levels: readonly ChannelLevels[] = [];
  constructor(channel: ChannelNode, member: number, onLevels?: (levels: readonly ChannelLevels[], time: number) => void) {
    channel.onLevels(member, (levels, time) => {
      this.levels = levels;
      onLevels?.(levels, time);
    });
  }
  /** Nothing to release: the channel node is disposed with its strip. */
  dispose(): void {}
}
