import { PROCESSOR_NAMES } from '../worklets/protocol';

export interface ReverbNodeOptions {
  /** RT60, seconds. */
  decay: number;
  /** Seconds. */
  preDelay: number;
  /** Hz. */
  damping: number;
  /** Wet share 0-1. */
  mix: number;
}

/**
 * The algorithmic (Freeverb) reverb of reverb.worklet.ts, stereo out. Every option is also an
 * AudioParam, so automation reaches it.
 *
 * @example
 * const hall = new ReverbNode(context, { decay: 3.5, preDelay: 0.03 });
 */
export class ReverbNode {
  readonly input: AudioWorkletNode;
  readonly output: AudioWorkletNode;
  readonly decay: AudioParam;
  readonly preDelay: AudioParam;
  readonly damping: AudioParam;
  readonly mix: AudioParam;
  private disposed = false;

  static getDefaults(): ReverbNodeOptions {
    return { decay: 2.5, preDelay: 0.02, damping: 8000, mix: 1 };
  }

  constructor(context: BaseAudioContext, options: Partial<ReverbNodeOptions> = {}) {
    const o = { ...ReverbNode.getDefaults(), ...options };
    this.input = this.output = new AudioWorkletNode(context, PROCESSOR_NAMES.reverb, {
      numberOfInputs: 1,
      numberOfOutputs: 1,
      outputChannelCount: [2],
      parameterData: { ...o },
    });
    const p = (name: string) => this.output.parameters.get(name)!;
    this.decay = p('decay');
    this.preDelay = p('preDelay');
    this.damping = p('damping');
    this.mix = p('mix');
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.output.disconnect();
    this.output.port.postMessage({ type: 'dispose' });
  }
}
