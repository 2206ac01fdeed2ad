import { ReverbNode } from '../nodes/ReverbNode';
import { linear, msToS, percent, type DeviceEnv, type DeviceNode } from './device';

/**
 * The reverb device: the Freeverb worklet (an algorithmic reverb is a fraction of a
 * ConvolverNode's cost and needs no impulse response asset).
 *
 * @example
 * const hall = createReverb(env, { decay: 3.5, preDelay: 30, damping: 8000, mix: 100 });
 */
export function createReverb(env: DeviceEnv, params: Readonly<Record<string, number>>): DeviceNode {
  const node = new ReverbNode(env.context, {
    decay: params.decay ?? 2.5,
    preDelay: (params.preDelay ?? 20) / 1000,
    damping: params.damping ?? 8000,
    mix: (params.mix ?? 100) / 100,
  });
  return {
    input: node.input,
    output: node.output,
    params: {
      decay: [{ param: node.decay, mapping: linear() }],
      preDelay: [{ param: node.preDelay, mapping: msToS }],
      damping: [{ param: node.damping, mapping: linear() }],
      mix: [{ param: node.mix, mapping: percent }],
    },
    sidechain: null,
    dispose: () => node.dispose(),
  };
}
