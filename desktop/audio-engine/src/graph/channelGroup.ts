import { ChannelNode } from '../nodes/ChannelNode';
import type { ChannelMemberOptions } from '../worklets/protocol';
import { FusedChannelStrip, type FusedChannelPlan } from './fusedStrip';

/** A track to place in a group: its fused plan, the channel id each edge goes to (main, then each send), and whether audio comes in. */
export interface GroupEntry {
  readonly plan: FusedChannelPlan;
  readonly edges: readonly string[];
  readonly needsInput: boolean;
}

/** Most tracks in one group (Chromium accepted 256 inputs and outputs; this keeps a processor's options small). */
export const GROUP_SIZE = 64;

/**
 * Many fused channels in one channel processor: for an offline render, where each worklet node
 * costs the render thread a fixed few microseconds per block (measured: 32 trivial source +
 * channel worklet pairs alone cap a render near 10x real time), the source tracks share one
 * processor whose outputs are the sums per destination channel (the master or a bus), plugin
 * delay compensation applied per edge inside. The strips it makes are the tracks' strips.
 *
 * @example
 * const group = new ChannelGroup(context, entries);
 * group.connect((id) => inputs.get(id) ?? null);
 */
export class ChannelGroup {
  readonly node: ChannelNode;
  readonly strips: readonly FusedChannelStrip[];
  /** Channel id of each output. */
  readonly destinations: readonly string[];
  private disposed = false;

  constructor(context: BaseAudioContext, entries: readonly GroupEntry[]) {
    const destinations: string[] = [];
    const outputOf = (id: string) => {
      const k = destinations.indexOf(id);
      return k >= 0 ? k : destinations.push(id) - 1;
    };
    let inputs = 0;
    const members: ChannelMemberOptions[] = entries.map((e) => ({ ...e.plan.member, input: e.needsInput ? inputs++ : null, outputs: e.edges.map(outputOf) }));
    this.destinations = destinations;
    this.node = new ChannelNode(context, { members, inputs: Math.max(1, inputs), outputs: Math.max(1, destinations.length) });
    let slotBase = 0;
    this.strips = entries.map((e, k) => {
      const strip = new FusedChannelStrip(e.plan, { channel: this.node, member: k, slotBase, inputIndex: members[k]!.input ?? 0, grouped: true });
      slotBase += e.plan.member.values.length;
      return strip;
    });
  }

  /** Connects each output to where its destination's signal goes in (`resolve`; null leaves it unconnected). */
  connect(resolve: (id: string) => AudioNode | null): void {
    this.destinations.forEach((id, k) => {
      const target = resolve(id);
      if (target) this.node.node.connect(target, k);
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const s of this.strips) s.dispose();
    this.node.dispose();
  }
}
