import { dryWet, linear, msToS, releaseNodes, type DeviceEnv, type DeviceNode } from './device';

/**
 * Chorus: a short DelayNode whose time an LFO (OscillatorNode) sweeps by `depth` % of the base
 * delay, mixed with the dry signal. All native.
 *
 * @example
 * const chorus = createChorus(env, { rate: 0.8, depth: 30, delay: 7, mix: 35 });
 */
export function createChorus(env: DeviceEnv, params: Readonly<Record<string, number>>): DeviceNode {
  const { context } = env;
  const base = (params.delay ?? 7) / 1000;
  const depth = (params.depth ?? 50) / 100;
  const input = new GainNode(context);
  const delay = new DelayNode(context, { maxDelayTime: 0.1, delayTime: base });
  const lfo = new OscillatorNode(context, { frequency: params.rate ?? 1.5 });
  const sweep = new GainNode(context, { gain: base * depth });
  const mix = dryWet(context, (params.mix ?? 50) / 100);
  lfo.connect(sweep).connect(delay.delayTime);
  lfo.start();
  input.connect(mix.dry);
  input.connect(delay).connect(mix.wet);
  return {
    input,
    output: mix.output,
    params: {
      rate: [{ param: lfo.frequency, mapping: linear() }],
      // The sweep is depth % of the base delay the chorus was built with (as its fused form).
      depth: [{ param: sweep.gain, mapping: linear((d) => (base * d) / 100) }],
      delay: [{ param: delay.delayTime, mapping: msToS }],
      mix: mix.targets,
    },
    sidechain: null,
    dispose: () => releaseNodes([lfo, input, delay, sweep, mix.dry, mix.wet, mix.output]),
  };
}
