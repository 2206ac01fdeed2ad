import { decibels } from '@encore/shared/units';
import { createCompressor, createGate, processCompressor, processGate, type CompressorState, type GateState } from '../dsp/compressor';
import { first, scope, type AudioParamDescriptor, type ParameterValues } from './processorScope';
import { PROCESSOR_NAMES, type DynamicsMode } from './protocol';

/**
 * The compressor or the gate of dsp/compressor.ts, linked across channels, with an optional
 * sidechain on input 1. Params (k-rate): threshold, ratio, knee, makeup (dB), attack, hold,
 * release (s). Output channels follow the main input (mono stays mono).
 */
class DynamicsProcessor extends scope.AudioWorkletProcessor {
  static readonly parameterDescriptors: AudioParamDescriptor[] = [
    { name: 'threshold', defaultValue: -18, minValue: -100, maxValue: 0, automationRate: 'k-rate' },
    { name: 'ratio', defaultValue: 4, minValue: 1, maxValue: 100, automationRate: 'k-rate' },
    { name: 'knee', defaultValue: 6, minValue: 0, maxValue: 40, automationRate: 'k-rate' },
    { name: 'makeup', defaultValue: 0, minValue: -24, maxValue: 48, automationRate: 'k-rate' },
    { name: 'attack', defaultValue: 0.01, minValue: 0, maxValue: 1, automationRate: 'k-rate' },
    { name: 'hold', defaultValue: 0.02, minValue: 0, maxValue: 2, automationRate: 'k-rate' },
    { name: 'release', defaultValue: 0.12, minValue: 0.001, maxValue: 5, automationRate: 'k-rate' },
  ];

  private readonly mode: DynamicsMode;
  private readonly compressor: CompressorState;
  private readonly gate: GateState;
  private alive = true;

  constructor(options: AudioWorkletNodeOptions) {
    super(options);
    this.mode = (options.processorOptions as { mode: DynamicsMode }).mode;
    this.compressor = createCompressor({}, scope.sampleRate);
    this.gate = createGate({}, scope.sampleRate);
    this.port.onmessage = () => {
      this.alive = false;
      this.port.close();
    };
  }

  process(inputs: Float32Array[][], outputs: Float32Array[][], p: ParameterValues): boolean {
    const input = inputs[0] ?? [];
    const out = outputs[0]!;
    if (input.length === 0) {
      for (const ch of out) ch.fill(0);
      return this.alive;
    }
    const sidechain = inputs[1];
    if (this.mode === 'compressor') {
      const o = this.compressor.options;
      o.threshold = decibels(first(p.threshold, o.threshold));
      o.ratio = first(p.ratio, o.ratio);
      o.knee = decibels(first(p.knee, o.knee));
      o.makeup = decibels(first(p.makeup, o.makeup));
      o.attack = first(p.attack, o.attack);
      o.release = first(p.release, o.release);
      processCompressor(this.compressor, input, out, sidechain);
    } else {
      const o = this.gate.options;
      o.threshold = decibels(first(p.threshold, o.threshold));
      o.attack = first(p.attack, o.attack);
      o.hold = first(p.hold, o.hold);
      o.release = first(p.release, o.release);
      processGate(this.gate, input, out, sidechain);
    }
    return this.alive;
  }
}

scope.registerProcessor(PROCESSOR_NAMES.dynamics, DynamicsProcessor);
