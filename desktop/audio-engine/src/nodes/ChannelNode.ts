import { EngineError } from '../core/errors';
import { ParamOp, PROCESSOR_NAMES, type ChannelMessage, type ChannelProcessorOptions, type ChannelReply } from '../worklets/protocol';

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
 * A fused mixer channel (channel.worklet.ts): device chain, fader, pan and sends in one
 * processor. Input 0 takes the track's audio; output 0 is the channel's stereo output and
 * output 1 + k send k. Its params are {@link ParamLike} slots whose events go to the processor
 * in acknowledged batches (flushed at the end of the current task, or by {@link delivered}).
 *
 * @example
 * const ch = new ChannelNode(context, { inputGain: 1, stages: [], values: [1, 0.707, 0.707], sends: [] });
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

  constructor(context: BaseAudioContext, options: ChannelProcessorOptions) {
    this.node = new AudioWorkletNode(context, PROCESSOR_NAMES.channel, {
      numberOfInputs: 1,
      numberOfOutputs: 1 + options.sends.length,
      outputChannelCount: Array.from({ length: 1 + options.sends.length }, () => 2),
      processorOptions: options,
    });
    this.slots = options.values.map((_, i) => new SlotParam(this, i));
    this.node.port.onmessage = (e: MessageEvent<ChannelReply>) => {
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
