import { seconds, ticks } from '@encore/shared/units';
import { dryWet, linear, msToS, percent, releaseNodes, type DeviceEnv, type DeviceNode, type ParamTarget } from './device';

/** Longest delay the device offers (4 beats at 20 BPM would be 12 s; the UI caps time at 2 s). */
const MAX_DELAY = 12;

/**
 * The feedback delay on a native DelayNode. When tempo-synced, the delay time follows every
 * tempo change of the song (set at each change's time), so echoes stay on the beat.
 *
 * @example
 * const echo = createDelay(env, { sync: 1, beats: 0.75, time: 375, feedback: 35, mix: 30 });
 */
export function createDelay(env: DeviceEnv, params: Readonly<Record<string, number>>): DeviceNode {
  const { context, tempo, timeOffset } = env;
  const synced = (params.sync ?? 1) >= 0.5;
  const beats = params.beats ?? 0.75;
  const secondsAt = (tick: number) => Math.min(MAX_DELAY, (beats * 60) / tempo.bpmAt(ticks(tick)));
  const input = new GainNode(context);
  const delay = new DelayNode(context, { maxDelayTime: MAX_DELAY, delayTime: synced ? secondsAt(tempo.secondsToTicks(seconds(Math.max(0, -timeOffset)))) : (params.time ?? 375) / 1000 });
  const feedback = new GainNode(context, { gain: (params.feedback ?? 35) / 100 });
  const mix = dryWet(context, (params.mix ?? 30) / 100);
  input.connect(mix.dry);
  input.connect(delay);
  delay.connect(feedback);
  feedback.connect(delay);
  delay.connect(mix.wet);
  if (synced) {
    // The tempo in force at context time 0 is the initial value; a step at every later change.
    for (const change of env.tempoPoints) {
      const time = tempo.ticksToSeconds(ticks(change.tick)) + timeOffset;
      if (time > 0) delay.delayTime.setValueAtTime(secondsAt(change.tick), time);
    }
  }
  const time: ParamTarget[] = synced ? [] : [{ param: delay.delayTime, mapping: msToS }];
  const beatTargets: ParamTarget[] = synced ? [{ param: delay.delayTime, mapping: linear((b) => Math.min(MAX_DELAY, (b * 60) / tempo.bpmAt(ticks(0)))) }] : [];
  return {
    input,
    output: mix.output,
    params: { time, beats: beatTargets, feedback: [{ param: feedback.gain, mapping: percent }], mix: mix.targets },
    sidechain: null,
    dispose: () => releaseNodes([input, delay, feedback, mix.dry, mix.wet, mix.output]),
  };
}
