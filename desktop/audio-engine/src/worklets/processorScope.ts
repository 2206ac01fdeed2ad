/**
 * The AudioWorkletGlobalScope as the processors see it. TypeScript's DOM library describes the
 * main thread only, so the worklet globals are typed here and reached through `scope`; nothing
 * outside `*.worklet.ts` may import this module (it has no meaning on the main thread).
 */

export type ParameterValues = Record<string, Float32Array>;

/** A processor's AudioParam description (AudioWorkletGlobalScope only, so not in lib DOM). */
export interface AudioParamDescriptor {
  readonly name: string;
  readonly defaultValue?: number;
  readonly minValue?: number;
  readonly maxValue?: number;
  readonly automationRate?: AutomationRate;
}

export interface ProcessorBase {
  readonly port: MessagePort;
}

export interface ProcessorConstructor {
  new (options: AudioWorkletNodeOptions): ProcessorBase & { process(inputs: Float32Array[][], outputs: Float32Array[][], parameters: ParameterValues): boolean };
  readonly parameterDescriptors?: readonly AudioParamDescriptor[];
}

interface WorkletScope {
  readonly sampleRate: number;
  readonly currentFrame: number;
  readonly AudioWorkletProcessor: new (options: AudioWorkletNodeOptions) => ProcessorBase;
  registerProcessor(name: string, processor: ProcessorConstructor): void;
}

export const scope = globalThis as unknown as WorkletScope;

/** The first value of a parameter block (k-rate params carry one value per block). */
export const first = (values: Float32Array | undefined, fallback: number): number => (values && values.length > 0 ? values[0]! : fallback);
