import { DynamicsNode } from '../nodes/DynamicsNode';
import { linear, msToS, type DeviceEnv, type DeviceNode } from './device';

/**
 * The compressor device (feed-forward, dynamics.worklet.ts), with a sidechain input when the
 * device names a sidechain track.
 *
 * @example
 * const comp = createCompressor(env, device.params, device.sidechainTrackId !== null);
 */
export function createCompressor(env: DeviceEnv, params: Readonly<Record<string, number>>, sidechain: boolean): DeviceNode {
  const node = new DynamicsNode(env.context, {
    mode: 'compressor',
    threshold: params.threshold,
    ratio: params.ratio,
    knee: params.knee,
    makeup: params.makeup,
    attack: (params.attack ?? 10) / 1000,
    release: (params.release ?? 120) / 1000,
    sidechain,
  });
  const p = node.params;
  return {
    input: node.input,
    output: node.output,
    params: {
      threshold: [{ param: p.threshold, mapping: linear() }],
      ratio: [{ param: p.ratio, mapping: linear() }],
      knee: [{ param: p.knee, mapping: linear() }],
      makeup: [{ param: p.makeup, mapping: linear() }],
      attack: [{ param: p.attack, mapping: msToS }],
      release: [{ param: p.release, mapping: msToS }],
    },
    sidechain: node.sidechainInput,
    dispose: () => node.dispose(),
  };
}

/**
 * The gate device (dynamics.worklet.ts in gate mode).
 *
 * @example
 * const gate = createGate(env, { threshold: -30, attack: 1, hold: 10, release: 60 }, false);
 */
export function createGate(env: DeviceEnv, params: Readonly<Record<string, number>>, sidechain: boolean): DeviceNode {
  const node = new DynamicsNode(env.context, {
    mode: 'gate',
    threshold: params.threshold,
    attack: (params.attack ?? 1) / 1000,
    hold: (params.hold ?? 20) / 1000,
    release: (params.release ?? 100) / 1000,
    sidechain,
  });
  const p = node.params;
  return {
    input: node.input,
    output: node.output,
    params: {
      threshold: [{ param: p.threshold, mapping: linear() }],
      attack: [{ param: p.attack, mapping: msToS }],
      hold: [{ param: p.hold, mapping: msToS }],
      release: [{ param: p.release, mapping: msToS }],
    },
    sidechain: node.sidechainInput,
    dispose: () => node.dispose(),
  };
}
