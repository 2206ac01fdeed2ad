import { ChannelMember } from './channelMember';
import { scope } from './processorScope';
import { PARAM_EVENT_STRIDE, ParamOp, PROCESSOR_NAMES, type ChannelMessage, type ChannelProcessorOptions, type ChannelReply } from './protocol';

/**
 * Fused mixer channels (see ChannelProcessorOptions): where the node graph of a track costs
 * 10-20 native nodes and worklets per block, a member here is one method call, and several
 * members (an offline render's source tracks) share one processor, so the render thread pays
 * one worklet call per block for all of them. Param and note events arrive in acknowledged
 * batches through the port.
 */
class ChannelProcessor extends scope.AudioWorkletProcessor {
  private readonly members: ChannelMember[];
  /** Per processor slot: its member and the slot within the member. */
  private readonly slotMember: Int32Array;
  private readonly slotLocal: Int32Array;
  private alive = true;

  constructor(options: AudioWorkletNodeOptions) {
    super(options);
    const o = options.processorOptions as ChannelProcessorOptions;
    this.members = o.members.map((m) => new ChannelMember(m, scope.sampleRate));
    const total = o.members.reduce((n, m) => n + m.values.length, 0);
    this.slotMember = new Int32Array(total);
    this.slotLocal = new Int32Array(total);
    let slot = 0;
    o.members.forEach((m, k) => {
      for (let i = 0; i < m.values.length; i++, slot++) {
        this.slotMember[slot] = k;
        this.slotLocal[slot] = i;
      }
    });
    this.port.onmessage = (e: MessageEvent<ChannelMessage>) => this.receive(e.data);
  }

  private receive(message: ChannelMessage): void {
    switch (message.type) {
      case 'dispose':
        this.alive = false;
        this.port.close();
        return;
      case 'clear':
        this.members[message.member]?.voices?.clear();
        return;
      case 'notes':
        this.members[message.member]?.voices?.enqueue(message.data);
        break;
      case 'events': {
        const d = message.data;
        for (let i = 0; i < d.length; i += PARAM_EVENT_STRIDE) {
          const slot = d[i + 1]!;
          if (!(slot >= 0 && slot < this.slotMember.length)) continue;
          const schedule = this.members[this.slotMember[slot]!]!.schedules[this.slotLocal[slot]!]!;
          if (d[i] === ParamOp.Cancel) schedule.cancel(d[i + 2]!);
          else schedule.add(d[i + 2]!, d[i + 3]!, d[i] === ParamOp.Ramp);
        }
        break;
      }
    }
    this.port.postMessage({ type: 'ack', seq: message.seq } satisfies ChannelReply);
  }

  process(inputs: Float32Array[][], outputs: Float32Array[][]): boolean {
    for (const out of outputs) for (const ch of out) ch.fill(0);
    const frame = scope.currentFrame;
    const sr = scope.sampleRate;
    const none: Float32Array[] = [];
    const members = this.members;
    for (let k = 0; k < members.length; k++) {
      const m = members[k]!;
      m.process(m.input === null ? none : (inputs[m.input] ?? none), outputs, frame, sr, m.keysFrom(inputs));
      const channels = m.levelsDue();
      if (channels) this.port.postMessage({ type: 'levels', member: k, frame: frame + (outputs[0]?.[0]?.length ?? 128), channels } satisfies ChannelReply);
    }
    return this.alive;
  }
}

scope.registerProcessor(PROCESSOR_NAMES.channel, ChannelProcessor);
