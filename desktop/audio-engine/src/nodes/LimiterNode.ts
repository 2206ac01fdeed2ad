import { PROCESSOR_NAMES } from '../worklets/protocol';

export interface LimiterNodeOptions {
  /** dB; true-peak when `truePeak`. */
  ceiling: number;
  /** Seconds. */
  release: number;
  /** Seconds of look-ahead: the latency of the node. */
  lookahead: number;
  truePeak: boolean;
}

/**
 * The look-ahead brick-wall limiter (limiter.worklet.ts), stereo. Unlike Tone.Limiter (a
 * compressor) nothing gets past its ceiling; the price is `lookahead` seconds of latency, which
 * {@link LimiterNode.latency} reports in frames.
 *
 * @example
 * const limiter = new LimiterNode(context, { ceiling: -1 });
 * mix.connect(limiter.input); limiter.output.connect(context.destination);
 */
export class LimiterNode {
  readonly input: AudioWorkletNode;
  readonly output: AudioWorkletNode;
  readonly ceiling: AudioParam;
  readonly release: AudioParam;
  readonly latency: number;
  private disposed = false;

  static getDefaults(): LimiterNodeOptions {
    return { ceiling: -1, release: 0.05, lookahead: 0.005, truePeak: true };
  }

  constructor(context: BaseAudioContext, options: Partial<LimiterNodeOptions> = {}) {
    const o = { ...LimiterNode.getDefaults(), ...options };
    this.input = this.output = new AudioWorkletNode(context, PROCESSOR_NAMES.limiter, {
      numberOfInputs: 1,
      numberOfOutputs: 1,
      outputChannelCount: [2],
      channelCount: 2,
      channelCountMode: 'explicit',
      parameterData: { ceiling: o.ceiling, release: o.release },
      processorOptions: { lookahead: o.lookahead, truePeak: o.truePeak },
    });
    this.ceiling = this.output.parameters.get('ceiling')!;
    this.release = this.output.parameters.get('release')!;
    this.latency = Math.max(1, Math.round(o.lookahead * context.sampleRate));
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.output.disconnect();
    this.output.port.postMessage({ type: 'dispose' });
  }
}
