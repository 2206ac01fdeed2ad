import { PROCESSOR_NAMES, type ChannelLevels, type MeterProcessorOptions, type MeterReply } from '../worklets/protocol';

export interface MeterOptions {
  /** Seconds between level reports. */
  interval: number;
  channels: number;
  onLevels: ((levels: readonly ChannelLevels[], time: number) => void) | null;
}

/**
 * A level meter (meter.worklet.ts): connect a source to {@link MeterNode.input}; the latest
 * reading is in {@link MeterNode.levels} and is passed to `onLevels`.
 *
 * @example
 * const meter = new MeterNode(context, { onLevels: (l) => draw(l[0].peakDb) });
 * strip.output.connect(meter.input);
 */
export class MeterNode {
  readonly input: AudioWorkletNode;
  levels: readonly ChannelLevels[] = [];
  private disposed = false;

  static getDefaults(): MeterOptions {
    return { interval: 1 / 30, channels: 2, onLevels: null };
  }

  constructor(context: BaseAudioContext, options: Partial<MeterOptions> = {}) {
    const o = { ...MeterNode.getDefaults(), ...options };
    const processorOptions: MeterProcessorOptions = { interval: Math.round(o.interval * context.sampleRate), channels: o.channels };
    this.input = new AudioWorkletNode(context, PROCESSOR_NAMES.meter, {
      numberOfInputs: 1,
      numberOfOutputs: 0,
      channelCount: o.channels,
      channelCountMode: 'explicit',
      processorOptions,
    });
    this.input.port.onmessage = (e: MessageEvent<MeterReply>) => {
      this.levels = e.data.channels;
      o.onLevels?.(e.data.channels, e.data.frame / context.sampleRate);
    };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.input.disconnect();
    this.input.port.postMessage({ type: 'dispose' });
    this.input.port.onmessage = null;
  }
}
