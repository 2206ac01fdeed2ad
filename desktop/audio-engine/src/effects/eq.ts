import { webAudioQ } from '../dsp/biquad';
import { dbGain, linear, releaseNodes, type DeviceEnv, type DeviceNode, type ParamTarget } from './device';

const BANDS = [
  { name: 'low', type: 'lowshelf' },
  { name: 'lowMid', type: 'peaking' },
  { name: 'highMid', type: 'peaking' },
  { name: 'high', type: 'highshelf' },
] as const;

/**
 * The four-band parametric EQ on native BiquadFilterNodes. A band at 0 dB is the identity, so
 * it is left out of the chain unless automated: most EQs touch one or two bands, and each
 * biquad costs about 0.65 µs per channel per block in Chromium.
 *
 * @example
 * const eq = createEq(env, device.params);
 */
export function createEq(env: DeviceEnv, params: Readonly<Record<string, number>>): DeviceNode {
  const { context } = env;
  const input = new GainNode(context);
  const nodes: AudioNode[] = [input];
  const targets: Record<string, ParamTarget[]> = {};
  let tail: AudioNode = input;
  for (const band of BANDS) {
    const gain = params[`${band.name}Gain`] ?? 0;
    const keys = [`${band.name}Freq`, `${band.name}Gain`, `${band.name}Q`];
    if (gain === 0 && !keys.some((k) => env.automated.has(k))) continue;
    const filter = new BiquadFilterNode(context, {
      type: band.type,
      frequency: params[`${band.name}Freq`] ?? 1000,
      gain,
      Q: webAudioQ(band.type, params[`${band.name}Q`] ?? 1),
    });
    targets[`${band.name}Freq`] = [{ param: filter.frequency, mapping: linear() }];
    targets[`${band.name}Gain`] = [{ param: filter.gain, mapping: linear() }];
    if (band.type === 'peaking') targets[`${band.name}Q`] = [{ param: filter.Q, mapping: linear() }];
    tail.connect(filter);
    tail = filter;
    nodes.push(filter);
  }
  const outputDb = params.output ?? 0;
  if (outputDb !== 0 || env.automated.has('output') || tail === input) {
    const out = new GainNode(context, { gain: dbGain.map(outputDb) });
    targets.output = [{ param: out.gain, mapping: dbGain }];
    tail.connect(out);
    tail = out;
    nodes.push(out);
  }
  return { input, output: tail, params: targets, sidechain: null, dispose: () => releaseNodes(nodes) };
}
