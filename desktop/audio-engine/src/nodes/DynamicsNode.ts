import { PROCESSOR_NAMES, type DynamicsMode } from '../worklets/protocol';

export interface DynamicsNodeOptions {
  mode: DynamicsMode;
  /** dB */
  threshold: number;
  ratio: number;
  /** dB */
  knee: number;
  /** dB */
  makeup: number;
  /** Seconds. */
  attack: number;
  /** Seconds (gate only). */
  hold: number;
  /** Seconds. */
  release: number;
  /** Adds a second input whose signal drives the detector. */
  sidechain: boolean;
}

/**
 * A feed-forward compressor or a gate (dynamics.worklet.ts) with an optional sidechain input.
 * Chosen over DynamicsCompressorNode because that one adds its own automatic makeup gain (its
 * output level is not what the params say) and, measured in Chromium, costs more per block
 * than this decimated gain computer.
 *
 * @example
 * const comp = new DynamicsNode(context, { threshold: -24, ratio: 3 });
 * source.connect(comp.input); comp.output.connect(context.destination);
 */
export class DynamicsNode {
  readonly input: AudioWorkletNode;
  readonly output: AudioWorkletNode;
  /** Connect the sidechain source here (input 1); null without `sidechain`. */
  readonly sidechainInput: { readonly node: AudioWorkletNode; readonly index: 1 } | null;
  readonly params: Readonly<Record<'threshold' | 'ratio' | 'knee' | 'makeup' | 'attack' | 'hold' | 'release', AudioParam>>;
  private disposed = false;

  static getDefaults(): DynamicsNodeOptions {
    return { mode: 'compressor', threshold: -18, ratio: 4, knee: 6, makeup: 0, attack: 0.01, hold: 0.02, release: 0.12, sidechain: false };
  }

  constructor(context: BaseAudioContext, options: Partial<DynamicsNodeOptions> = {}) {
    const o = { ...DynamicsNode.getDefaults(), ...options };
    const { mode, sidechain, ...parameterData } = o;
    this.input = this.output = new AudioWorkletNode(context, PROCESSOR_NAMES.dynamics, {
      numberOfInputs: sidechain ? 2 : 1,
      numberOfOutputs: 1,
      // With two inputs the output width must be fixed; with one it follows the input.
      ...(sidechain ? { outputChannelCount: [2], channelCount: 2, channelCountMode: 'explicit' as const } : {}),
      parameterData,
      processorOptions: { mode },
    });
    this.sidechainInput = sidechain ? { node: this.output, index: 1 } : null;
    const p = (name: string) => this.output.parameters.get(name)!;
    this.params = { threshold: p('threshold'), ratio: p('ratio'), knee: p('knee'), makeup: p('makeup'), attack: p('attack'), hold: p('hold'), release: p('release') };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.output.disconnect();
    this.output.port.postMessage({ type: 'dispose' });
  }
}
