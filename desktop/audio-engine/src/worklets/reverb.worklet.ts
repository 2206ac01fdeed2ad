import { createReverb, processReverb, setReverbOptions, type ReverbState } from '../dsp/reverb';
import { first, scope, type AudioParamDescriptor, type ParameterValues } from './processorScope';
import { PROCESSOR_NAMES } from './protocol';

/** The Freeverb of dsp/reverb.ts, stereo out; decay (s), preDelay (s), damping (Hz) and mix (0-1) are k-rate params. */
class ReverbProcessor extends scope.AudioWorkletProcessor {
  static readonly parameterDescriptors: AudioParamDescriptor[] = [
    { name: 'decay', defaultValue: 2.5, minValue: 0.05, maxValue: 30, automationRate: 'k-rate' },
    { name: 'preDelay', defaultValue: 0.02, minValue: 0, maxValue: 0.5, automationRate: 'k-rate' },
    { name: 'damping', defaultValue: 8000, minValue: 100, maxValue: 24_000, automationRate: 'k-rate' },
    { name: 'mix', defaultValue: 1, minValue: 0, maxValue: 1, automationRate: 'k-rate' },
  ];

  private readonly state: ReverbState = createReverb({}, scope.sampleRate);
  private readonly silence = new Float32Array(128);
  private alive = true;

  constructor(options: AudioWorkletNodeOptions) {
    super(options);
    this.port.onmessage = () => {
      this.alive = false;
      this.port.close();
    };
  }

  process(inputs: Float32Array[][], outputs: Float32Array[][], parameters: ParameterValues): boolean {
    const o = this.state.options;
    const decay = first(parameters.decay, o.decay);
    const damping = first(parameters.damping, o.damping);
    o.preDelay = first(parameters.preDelay, o.preDelay);
    o.mix = first(parameters.mix, o.mix);
    if (decay !== o.decay || damping !== o.damping) setReverbOptions(this.state, { decay, damping });
    const input = inputs[0] ?? [];
    const [outL, outR] = outputs[0]!;
    const left = input[0] ?? this.silence;
    processReverb(this.state, left, input[1] ?? left, outL!, outR ?? new Float32Array(outL!.length));
    return this.alive;
  }
}

scope.registerProcessor(PROCESSOR_NAMES.reverb, ReverbProcessor);
