import type { DeviceWithParams } from '@encore/shared/project/schema/device';
import { balanceGains, panGains } from '../dsp/pan';
import { dbGain, type DeviceEnv, type ParamTarget } from '../effects/device';
import { fusedDevice, type FusedDevice } from '../effects/fused';
import { ChannelNode } from '../nodes/ChannelNode';
import type { ChainStageSpec } from '../dsp/channelChain';
import { BALANCE_LEFT, BALANCE_RIGHT, PAN_LEFT, PAN_RIGHT, type ChannelStripOptions } from './channelStrip';

/** A device of a fused strip, as the graph binds automation to it. */
export interface FusedStripDevice {
  readonly params: Readonly<Record<string, readonly ParamTarget[]>>;
  readonly sidechain: null;
}

/**
 * A {@link ChannelStrip} in one processor (ChannelNode): same signal flow, same params, same
 * sound, one worklet call per block instead of a node per gain, filter and send. Built only when
 * every active device has a fused form ({@link FusedChannelStrip.create} returns null otherwise).
 * Output 0 is the channel; send k leaves on output 1 + k. `delays` (frames per output) are the
 * plugin delay compensation of each edge, applied inside the processor.
 *
 * @example
 * const strip = FusedChannelStrip.create(context, env, devices, { volumeDb: -6 }, [{ levelDb: -12, pre: false }]);
 * strip?.connectSend(0, reverb.input);
 */
export class FusedChannelStrip {
  readonly input: AudioNode;
  readonly output: AudioNode;
  readonly devices: readonly FusedStripDevice[];
  /** Level params of the sends, in the order given. */
  readonly sendParams: readonly ParamTarget[];
  private readonly balance: boolean;
  private readonly channel: ChannelNode;
  private disposed = false;

  static create(
    context: BaseAudioContext,
    env: (deviceId: string) => DeviceEnv,
    devices: readonly DeviceWithParams[],
    options: Partial<ChannelStripOptions>,
    sends: readonly { readonly levelDb: number; readonly pre: boolean }[],
    delays: readonly number[] = [],
  ): FusedChannelStrip | null {
    const base = 3 + sends.length;
    const fused: FusedDevice[] = [];
    let slots = base;
    for (const d of devices) {
      const f = fusedDevice(env(d.id), d, slots);
      if (!f) return null;
      fused.push(f);
      slots += f.values.length;
    }
    return new FusedChannelStrip(context, fused, { ...{ volumeDb: 0, pan: 0, inputGain: 1, panLaw: 'pan' as const }, ...options }, sends, delays);
  }

  private constructor(
    context: BaseAudioContext,
    fused: readonly FusedDevice[],
    o: ChannelStripOptions,
    sends: readonly { readonly levelDb: number; readonly pre: boolean }[],
    delays: readonly number[],
  ) {
    this.balance = o.panLaw === 'balance';
    const { left, right } = this.balance ? balanceGains(o.pan) : panGains(o.pan);
    const stages: ChainStageSpec[] = fused.flatMap((f) => f.stages);
    const values = [dbGain.map(o.volumeDb), left, right, ...sends.map((s) => dbGain.map(s.levelDb)), ...fused.flatMap((f) => f.values)];
    this.channel = new ChannelNode(context, { inputGain: o.inputGain, stages, values, sends: sends.map((s) => ({ pre: s.pre })), delays });
    this.input = this.output = this.channel.node;
    const slot = (k: number) => this.channel.slots[k]!;
    this.devices = fused.map((f) => ({
      params: Object.fromEntries(Object.entries(f.params).map(([id, targets]) => [id, targets.map((t) => ({ param: slot(t.slot), mapping: t.mapping }))])),
      sidechain: null,
    }));
    for (const f of fused) for (const e of f.events) slot(e.slot).setValueAtTime(e.value, e.time);
    this.sendParams = sends.map((_, k) => ({ param: slot(3 + k), mapping: dbGain }));
  }

  /** Params of the fader and pan (for automation). */
  get mixParams(): { volume: readonly ParamTarget[]; pan: readonly ParamTarget[] } {
    const slot = (k: number) => this.channel.slots[k]!;
    return {
      volume: [{ param: slot(0), mapping: dbGain }],
      pan: [
        { param: slot(1), mapping: this.balance ? BALANCE_LEFT : PAN_LEFT },
        { param: slot(2), mapping: this.balance ? BALANCE_RIGHT : PAN_RIGHT },
      ],
    };
  }

  /** Connects send `k` to `target`. */
  connectSend(k: number, target: AudioNode): void {
    this.channel.node.connect(target, 1 + k);
  }

  /** Resolves once the processor holds every param event sent so far. */
  delivered(): Promise<void> {
    return this.channel.delivered();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.channel.dispose();
  }
}
