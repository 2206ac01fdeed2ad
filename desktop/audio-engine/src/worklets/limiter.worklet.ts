import { decibels } from '@encore/shared/units';
import { dbToGain } from '../dsp/gain';
import { createLimiter, processLimiter, type LimiterState } from '../dsp/limiter';
import { first, scope, type AudioParamDescriptor, type ParameterValues } from './processorScope';
import { PROCESSOR_NAMES } from './protocol';

/** The look-ahead brick-wall limiter of dsp/limiter.ts on a stereo stream; `ceiling` (dB) and `release` (s) are k-rate params. */
class LimiterProcessor extends scope.AudioWorkletProcessor {
  static readonly parameterDescriptors: AudioParamDescriptor[] = [
    { name: 'ceiling', defaultValue: -1, minValue: -60, maxValue: 0, automationRate: 'k-rate' },
    { name: 'release', defaultValue: 0.05, minValue: 0.001, maxValue: 5, automationRate: 'k-rate' },
  ];

  private readonly state: LimiterState;
  private ceiling = NaN;
  private release = NaN;
  private alive = true;

  constructor(options: AudioWorkletNodeOptions) {
    super(options);
    const o = options.processorOptions as { lookahead: number; truePeak: boolean };
    this.state = createLimiter({ lookahead: o.lookahead, truePeak: o.truePeak }, scope.sampleRate, 2);
    this.port.onmessage = () => {
      this.alive = false;
      this.port.close();
    };
  }

  process(inputs: Float32Array[][], outputs: Float32Array[][], parameters: ParameterValues): boolean {
    const ceiling = first(parameters.ceiling, -1);
    const release = first(parameters.release, 0.05);
    const s = this.state as { ceilingGain: number; releaseCoef: number };
    if (ceiling !== this.ceiling) s.ceilingGain = dbToGain(decibels((this.ceiling = ceiling)));
    if (release !== this.release) s.releaseCoef = Math.exp(Math.log(0.01) / ((this.release = release) * scope.sampleRate));
    const out = outputs[0]!;
    const input = inputs[0] ?? [];
    const frames = out[0]!.length;
    const left = input[0] ?? new Float32Array(frames);
    processLimiter(this.state, [left, input[1] ?? left], out);
    return this.alive;
  }
}

scope.registerProcessor(PROCESSOR_NAMES.limiter, LimiterProcessor);
