import { balanceGains, panGains } from '../dsp/pan';
import { dbGain, releaseNodes, type DeviceNode, type ParamTarget } from '../effects/device';
import type { ParamMapping } from './automation';

export interface ChannelStripOptions {
  /** Fader level, dB (-144 is silence). */
  volumeDb: number;
  /** -1 hard left … 1 hard right. */
  pan: number;
  /** Mute, solo and phase invert folded into one input gain: 0, 1 or -1. */
  inputGain: number;
  /** 'pan' (constant power, -3 dB at centre) for sources; 'balance' (unity at centre) for buses and the master. */
  panLaw: 'pan' | 'balance';
}

/** Pan position → left / right gain under the constant-power law (for automation). */
export const PAN_LEFT: ParamMapping = { map: (p) => panGains(p).left, linear: false };
export const PAN_RIGHT: ParamMapping = { map: (p) => panGains(p).right, linear: false };
export const BALANCE_LEFT: ParamMapping = { map: (p) => balanceGains(p).left, linear: false };
export const BALANCE_RIGHT: ParamMapping = { map: (p) => balanceGains(p).right, linear: false };

/**
 * One mixer channel: input (mute / solo / phase) → device chain → pre-fader tap → volume →
 * constant-power pan (balance on buses and the master) (own gains: StereoPannerNode folds a stereo input into one side instead of
 * attenuating it) → output, with sends tapping pre or post fader. Mono sources stay mono through
 * the devices (half the cost) and become stereo at the fader.
 *
 * @example
 * const strip = new ChannelStrip(context, devices, { volumeDb: -6, pan: 0.3, inputGain: 1 });
 * source.connect(strip.input); strip.output.connect(master.input);
 */
export class ChannelStrip {
  readonly input: GainNode;
  readonly preFader: AudioNode;
  readonly volume: GainNode;
  readonly panLeft: GainNode;
  readonly panRight: GainNode;
  readonly output: ChannelMergerNode;
  /** The input of `input` that takes the track's audio (a fused strip's may be another). */
  readonly inputIndex = 0;
  private readonly splitter: ChannelSplitterNode;
  private readonly sends: GainNode[] = [];
  private readonly balance: boolean;
  private disposed = false;

  static getDefaults(): ChannelStripOptions {
    return { volumeDb: 0, pan: 0, inputGain: 1, panLaw: 'pan' };
  }

  constructor(
    context: BaseAudioContext,
    readonly devices: readonly DeviceNode[],
    options: Partial<ChannelStripOptions> = {},
  ) {
    const o = { ...ChannelStrip.getDefaults(), ...options };
    this.input = new GainNode(context, { gain: o.inputGain });
    let tail: AudioNode = this.input;
    for (const device of devices) {
      tail.connect(device.input);
      tail = device.output;
    }
    this.preFader = tail;
    // The fader is where the channel becomes stereo: explicit 2 channels, speaker up-mix.
    this.volume = new GainNode(context, { gain: dbGain.map(o.volumeDb), channelCount: 2, channelCountMode: 'explicit', channelInterpretation: 'speakers' });
    this.splitter = new ChannelSplitterNode(context, { numberOfOutputs: 2 });
    this.balance = o.panLaw === 'balance';
    const { left, right } = this.balance ? balanceGains(o.pan) : panGains(o.pan);
    this.panLeft = new GainNode(context, { gain: left });
    this.panRight = new GainNode(context, { gain: right });
    this.output = new ChannelMergerNode(context, { numberOfInputs: 2 });
    tail.connect(this.volume).connect(this.splitter);
    this.splitter.connect(this.panLeft, 0).connect(this.output, 0, 0);
    this.splitter.connect(this.panRight, 1).connect(this.output, 0, 1);
  }

  /** AudioParams of the fader and pan (for automation). */
  get mixParams(): { volume: readonly ParamTarget[]; pan: readonly ParamTarget[] } {
    return {
      volume: [{ param: this.volume.gain, mapping: dbGain }],
      pan: [
        { param: this.panLeft.gain, mapping: this.balance ? BALANCE_LEFT : PAN_LEFT },
        { param: this.panRight.gain, mapping: this.balance ? BALANCE_RIGHT : PAN_RIGHT },
      ],
    };
  }

  /**
   * Sends this channel to `target` at `levelDb`, before the fader (and pan) when `pre`.
   * Returns the send's gain for automation.
   */
  addSend(target: AudioNode, levelDb: number, pre: boolean): GainNode {
    const send = new GainNode(this.input.context, { gain: dbGain.map(levelDb) });
    (pre ? this.preFader : this.output).connect(send);
    send.connect(target);
    this.sends.push(send);
    return send;
  }

  /** Disconnects every node of the strip, its devices and its sends. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const device of this.devices) device.dispose();
    releaseNodes([this.input, this.volume, this.splitter, this.panLeft, this.panRight, this.output, ...this.sends]);
  }
}
