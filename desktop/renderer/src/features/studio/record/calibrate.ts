import { RecorderNode } from '@encore/audio-engine/nodes/RecorderNode';
import { EncoreError } from '@encore/shared/errors';
import { detectOnset, medianSeconds, onFrame, roundTrip } from './latency';

export interface CalibrationOptions {
  /** What comes back (the input); the recorder listens to it. */
  readonly input: AudioNode;
  /** Where the clicks go out (the speakers by default). */
  readonly output: AudioNode;
  readonly recorderUrl: string;
  readonly clicks: number;
  /** Seconds between clicks, also the longest round trip it can measure. */
  readonly spacing: number;
}

export interface Calibration {
  /** Median round trip, seconds. */
  readonly roundTrip: number;
  /** What the context reports of its own output latency (for display; already in the round trip). */
  readonly outputLatency: number;
  /** Round trip per click (null where it did not come back). */
  readonly perClick: readonly (number | null)[];
}

/**
 * Measures the round trip: plays a few one-sample clicks at known context times, records the
 * input sample-accurately and finds each click where it came back. Needs the output audible to
 * the input (a cable from out to in, or speakers and a mic); refuses when no click comes back.
 *
 * @example
 * const { roundTrip } = await measureRoundTrip(context, { input: mic.node, output: context.destination, recorderUrl: RECORDER_WORKLET_URL });
 */
export async function measureRoundTrip(context: AudioContext, options: Partial<CalibrationOptions> & Pick<CalibrationOptions, 'input' | 'recorderUrl'>): Promise<Calibration> {
  const o: CalibrationOptions = { output: context.destination, clicks: 4, spacing: 0.4, ...options };
  if (context.state !== 'running') await context.resume();
  await RecorderNode.load(context, o.recorderUrl);
  const recorder = new RecorderNode(context, { channels: 1, batch: 1024 });
  const rate = context.sampleRate;
  const click = context.createBuffer(1, 1, rate);
  click.getChannelData(0)[0] = 0.9;
  const sources: AudioBufferSourceNode[] = [];
  try {
    o.input.connect(recorder.input);
    recorder.start();
    const first = onFrame(context.currentTime + 0.25, rate);
    const emitted = Array.from({ length: o.clicks }, (_, k) => onFrame(first + k * o.spacing, rate));
    for (const at of emitted) {
      const s = new AudioBufferSourceNode(context, { buffer: click });
      s.connect(o.output);
      s.start(at);
      sources.push(s);
    }
    const end = (emitted[emitted.length - 1] ?? first) + o.spacing;
    await new Promise((r) => setTimeout(r, Math.max(0, (end - context.currentTime) * 1000) + 60));
    const captured = await recorder.stop();
    const samples = captured.channels[0] ?? new Float32Array(0);
    const perClick = emitted.map((at) => {
      const from = (at - captured.startTime) * rate;
      const onset = detectOnset(samples, from, from + o.spacing * rate);
      return onset === null ? null : roundTrip(onset, captured.startTime, rate, at);
    });
    const trip = medianSeconds(perClick.filter((t): t is number => t !== null));
    if (trip === null || perClick.filter((t) => t !== null).length < Math.ceil(o.clicks / 2)) {
      throw new EncoreError('BAD_REQUEST', 'No click came back: connect the output to the input (or turn the speakers up near the microphone) and measure again', { reason: 'no-click' });
    }
    return { roundTrip: trip, outputLatency: context.outputLatency || context.baseLatency || 0, perClick };
  } finally {
    for (const s of sources) s.disconnect();
    o.input.disconnect(recorder.input);
    recorder.dispose();
  }
}
