import type { DeviceWithParams } from '@encore/shared/project/schema/device';
import { balanceGains, panGains } from '../dsp/pan';
import type { VoicePoolOptions } from '../dsp/voices';
import { dbGain, type DeviceEnv, type ParamTarget } from '../effects/device';
import { fusedDevice, type FusedDevice } from '../effects/fused';
import { ChannelMeter, ChannelNode, ChannelVoices } from '../nodes/ChannelNode';
import type { ChainStageSpec } from '../dsp/channelChain';
import type { ChannelMemberOptions } from '../worklets/protocol';
import { BALANCE_LEFT, BALANCE_RIGHT, PAN_LEFT, PAN_RIGHT, type ChannelStripOptions } from './channelStrip';

/** A device of a fused strip, as the graph binds automation to it. */
export interface FusedStripDevice {
  readonly params: Readonly<Record<string, readonly ParamTarget[]>>;
  /** Where a keyed compressor's or gate's key connects: a processor input of its own strip. */
  readonly sidechain: { readonly node: AudioNode; readonly index: number } | null;
}

/** What a fused channel will be, before its processor exists (see {@link FusedChannelStrip.plan}). */
export interface FusedChannelPlan {
  readonly fused: readonly FusedDevice[];
  /** The member's processor options, less where its input and edges go. */
  readonly member: Omit<ChannelMemberOptions, 'input' | 'outputs'>;
  readonly balance: boolean;
  /** Track ids keying its sidechained dynamics, by key index (planned with `keyed` only). */
  readonly keys: readonly string[];
}

/** Where a strip sits in its processor. */
interface Placement {
  readonly channel: ChannelNode;
  readonly member: number;
  /** The member's first slot in the processor. */
  readonly slotBase: number;
  /** The processor input carrying the track's audio. */
  readonly inputIndex: number;
  /** Shares its processor with other strips (whose owner connects and disposes it). */
  readonly grouped: boolean;
}

/**
 * A {@link ChannelStrip} as one member of a channel processor (ChannelNode): same signal flow,
 * same params, same sound, one method call per block instead of a node per gain, filter and
 * send; with `voices`, the track's synth plays inside the same processor. Built only when every
 * active device has a fused form (create and plan return null otherwise). Alone in its
 * processor, output 0 is the channel and send k leaves on output 1 + k, and the key of its
 * sidechained dynamics k comes in on input 1 + k (grouped strips have no sidechains); `delays` (frames per
 * edge) are the plugin delay compensation of each edge, applied inside the processor. In a
 * group (graph/channelGroup.ts), members add into shared outputs per destination.
 *
 * @example
 * const strip = FusedChannelStrip.create(context, env, devices, { volumeDb: -6 }, [{ levelDb: -12, pre: false }]);
 * strip?.connectSend(0, reverb.input);
 */
export class FusedChannelStrip {
  readonly input: AudioNode;
  readonly inputIndex: number;
  readonly output: AudioNode;
  readonly devices: readonly FusedStripDevice[];
  /** Level params of the sends, in the order given. */
  readonly sendParams: readonly ParamTarget[];
  /** The track's voices inside the processor (its instrument), or null. */
  readonly voices: ChannelVoices | null;
  /** The post-fader meter inside the processor (planned with `meter`), or null. */
  readonly meter: ChannelMeter | null;
  readonly grouped: boolean;
  private readonly balance: boolean;
  private readonly channel: ChannelNode;
  private readonly slotBase: number;
  private disposed = false;

  /**
   * The fused channel of these devices and options, or null when a device has no fused form.
   *
   * @example
   * const plan = FusedChannelStrip.plan(env, devices, { volumeDb: -6 }, [], [], null);
   */
  static plan(
    env: (deviceId: string) => DeviceEnv,
    devices: readonly DeviceWithParams[],
    options: Partial<ChannelStripOptions>,
    sends: readonly { readonly levelDb: number; readonly pre: boolean }[],
    delays: readonly number[],
    voices: VoicePoolOptions | null,
    meter: { readonly interval: number } | null = null,
    keyed = false,
  ): FusedChannelPlan | null {
    const o: ChannelStripOptions = { volumeDb: 0, pan: 0, inputGain: 1, panLaw: 'pan', ...options };
    const fused: FusedDevice[] = [];
    const keys: string[] = [];
    const keyOf = keyed ? (id: string) => (keys.includes(id) ? keys.indexOf(id) : keys.push(id) - 1) : null;
    let slots = 3 + sends.length;
    for (const d of devices) {
      const f = fusedDevice(env(d.id), d, slots, keyOf);
      if (!f) return null;
      fused.push(f);
      slots += f.values.length;
    }
    const balance = o.panLaw === 'balance';
    const { left, right } = balance ? balanceGains(o.pan) : panGains(o.pan);
    const stages: ChainStageSpec[] = fused.flatMap((f) => f.stages);
    const values = [dbGain.map(o.volumeDb), left, right, ...sends.map((s) => dbGain.map(s.levelDb)), ...fused.flatMap((f) => f.values)];
    return { fused, balance, keys, member: { inputGain: o.inputGain, stages, values, sends: sends.map((s) => ({ pre: s.pre })), delays, voices, meter } };
  }

  /** A strip alone in its own processor (input 0, 1 + k key k; output 0 the channel, 1 + k send k), or null when a device has no fused form. */
  static create(
    context: BaseAudioContext,
    env: (deviceId: string) => DeviceEnv,
    devices: readonly DeviceWithParams[],
    options: Partial<ChannelStripOptions>,
    sends: readonly { readonly levelDb: number; readonly pre: boolean }[],
    delays: readonly number[] = [],
    voices: VoicePoolOptions | null = null,
    meter: { readonly interval: number } | null = null,
  ): FusedChannelStrip | null {
    const plan = FusedChannelStrip.plan(env, devices, options, sends, delays, voices, meter, true);
    if (!plan) return null;
    const keyInputs = plan.keys.map((_, k) => 1 + k);
    const member: ChannelMemberOptions = { ...plan.member, input: 0, outputs: Array.from({ length: 1 + sends.length }, (_, k) => k), keyInputs };
    const channel = new ChannelNode(context, { members: [member], inputs: 1 + keyInputs.length, outputs: 1 + sends.length });
    return new FusedChannelStrip(plan, { channel, member: 0, slotBase: 0, inputIndex: 0, grouped: false });
  }

  constructor(plan: FusedChannelPlan, at: Placement) {
    this.channel = at.channel;
    this.slotBase = at.slotBase;
    this.grouped = at.grouped;
    this.balance = plan.balance;
    this.input = this.output = at.channel.node;
    this.inputIndex = at.inputIndex;
    this.voices = plan.member.voices ? new ChannelVoices(at.channel, at.member) : null;
    this.meter = plan.member.meter ? new ChannelMeter(at.channel, at.member) : null;
    const slot = (k: number) => this.slot(k);
    this.devices = plan.fused.map((f) => {
      const key = f.stages.find((s) => (s.kind === 'compressor' || s.kind === 'gate') && s.key !== undefined);
      const index = key && 'key' in key && key.key !== undefined && !at.grouped ? 1 + key.key : null;
      return {
        params: Object.fromEntries(Object.entries(f.params).map(([id, targets]) => [id, targets.map((t) => ({ param: slot(t.slot), mapping: t.mapping }))])),
        sidechain: index === null ? null : { node: at.channel.node, index },
      };
    });
    for (const f of plan.fused) for (const e of f.events) slot(e.slot).setValueAtTime(e.value, e.time);
    this.sendParams = plan.member.sends.map((_, k) => ({ param: slot(3 + k), mapping: dbGain }));
  }

  private slot(k: number) {
    return this.channel.slots[this.slotBase + k]!;
  }

  /** Params of the fader and pan (for automation). */
  get mixParams(): { volume: readonly ParamTarget[]; pan: readonly ParamTarget[] } {
    return {
      volume: [{ param: this.slot(0), mapping: dbGain }],
      pan: [
        { param: this.slot(1), mapping: this.balance ? BALANCE_LEFT : PAN_LEFT },
        { param: this.slot(2), mapping: this.balance ? BALANCE_RIGHT : PAN_RIGHT },
      ],
    };
  }

  /** Connects send `k` to `target` (a grouped strip's sends are connected by its group). */
  connectSend(k: number, target: AudioNode): void {
    if (!this.grouped) this.channel.node.connect(target, 1 + k);
  }

  /** Resolves once the processor holds every param event and note sent so far. */
  delivered(): Promise<void> {
    return this.channel.delivered();
  }

  /** Releases the processor (a grouped strip leaves that to its group). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (!this.grouped) this.channel.dispose();
  }
}
