import { webAudioQ } from '../dsp/biquad';
import { linear, releaseNodes, type DeviceEnv, type DeviceNode } from './device';

const MODES = ['lowpass', 'highpass', 'bandpass', 'notch'] as const;

/**
 * The filter device: one native biquad. Its `resonance` is a linear Q (0.707 = Butterworth) in
 * every mode; Web Audio reads lowpass/highpass Q in dB, so it is converted here. `mode` is
 * fixed at build time (a discrete switch cannot ramp).
 *
 * @example
 * const lowCut = createFilter(env, { mode: 1, cutoff: 120, resonance: 0.707 });
 */
export function createFilter(env: DeviceEnv, params: Readonly<Record<string, number>>): DeviceNode {
  const type = MODES[Math.round(params.mode ?? 0)] ?? 'lowpass';
  const filter = new BiquadFilterNode(env.context, { type, frequency: params.cutoff ?? 2000, Q: webAudioQ(type, params.resonance ?? Math.SQRT1_2) });
  return {
    input: filter,
    output: filter,
    params: {
      cutoff: [{ param: filter.frequency, mapping: linear() }],
      resonance: [{ param: filter.Q, mapping: type === 'lowpass' || type === 'highpass' ? { map: (q) => webAudioQ(type, q), linear: false } : linear() }],
    },
    sidechain: null,
    dispose: () => releaseNodes([filter]),
  };
}
