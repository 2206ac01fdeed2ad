import { DISTORTION_CURVE, DISTORTION_PRE } from '../dsp/distortion';
import { dbGain, dryWet, linear, releaseNodes, type DeviceEnv, type DeviceNode } from './device';

/** tanh soft clipping (2x oversampled by the WaveShaperNode) and its pre-scale, shared with the fused kernel. */
const CURVE = DISTORTION_CURVE;
const PRE = DISTORTION_PRE;

/**
 * Distortion: drive (dB) into a tanh waveshaper, a lowpass "tone" control, dry/wet mix.
 *
 * @example
 * const crunch = createDistortion(env, { drive: 18, tone: 4000, mix: 100 });
 */
export function createDistortion(env: DeviceEnv, params: Readonly<Record<string, number>>): DeviceNode {
  const { context } = env;
  const input = new GainNode(context);
  const drive = new GainNode(context, { gain: PRE * dbGain.map(params.drive ?? 12) });
  const shaper = new WaveShaperNode(context, { curve: CURVE, oversample: '2x' });
  const tone = new BiquadFilterNode(context, { type: 'lowpass', frequency: params.tone ?? 6000, Q: 0 });
  const mix = dryWet(context, (params.mix ?? 100) / 100);
  input.connect(mix.dry);
  input.connect(drive).connect(shaper).connect(tone).connect(mix.wet);
  return {
    input,
    output: mix.output,
    params: {
      drive: [{ param: drive.gain, mapping: { map: (db) => PRE * dbGain.map(db), linear: false } }],
      tone: [{ param: tone.frequency, mapping: linear() }],
      mix: mix.targets,
    },
    sidechain: null,
    dispose: () => releaseNodes([input, drive, shaper, tone, mix.dry, mix.wet, mix.output]),
  };
}
