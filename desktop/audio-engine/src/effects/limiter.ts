import { LimiterNode } from '../nodes/LimiterNode';
import { linear, msToS, type DeviceEnv, type DeviceNode } from './device';

/**
 * The limiter device: the engine's true-peak look-ahead limiter (5 ms of latency).
 *
 * @example
 * const limiter = createLimiter(env, { ceiling: -1, release: 60 });
 */
export function createLimiter(env: DeviceEnv, params: Readonly<Record<string, number>>): DeviceNode {
  const node = new LimiterNode(env.context, { ceiling: params.ceiling ?? -0.3, release: (params.release ?? 50) / 1000 });
  return {
    input: node.input,
    output: node.output,
    params: { ceiling: [{ param: node.ceiling, mapping: linear() }], release: [{ param: node.release, mapping: msToS }] },
    sidechain: null,
    latency: node.latency,
    dispose: () => node.dispose(),
  };
}
