import { createMeter, step, type MeterState } from '../dsp/meter';
import { scope } from './processorScope';
import { PROCESSOR_NAMES, type MeterProcessorOptions, type MeterReply } from './protocol';

/**
 * Meters its input (peak bar, hold, sliding RMS, highest true peak per channel, from
 * dsp/meter.ts) and posts the levels every `interval` frames. It has no output: the graph pulls
 * it like an analyser.
 */
class MeterProcessor extends scope.AudioWorkletProcessor {
  private meters: MeterState[];
  private readonly interval: number;
  private sinceReport = 0;
  private alive = true;

  constructor(options: AudioWorkletNodeOptions) {
    super(options);
    const o = options.processorOptions as MeterProcessorOptions;
    this.interval = Math.max(128, o.interval);
    this.meters = Array.from({ length: o.channels }, () => createMeter());
    this.port.onmessage = (e: MessageEvent<{ type: 'dispose' }>) => {
      if (e.data.type === 'dispose') {
        this.alive = false;
        this.port.close();
      }
    };
  }

  process(inputs: Float32Array[][]): boolean {
    const input = inputs[0] ?? [];
    const frames = input[0]?.length ?? 128;
    for (let c = 0; c < this.meters.length; c++) {
      // A mono input feeds every meter channel; no input is silence.
      const block = input[Math.min(c, input.length - 1)] ?? new Float32Array(frames);
      this.meters[c] = step(this.meters[c]!, block, scope.sampleRate);
    }
    this.sinceReport += frames;
    if (this.sinceReport >= this.interval) {
      this.sinceReport = 0;
      const reply: MeterReply = {
        type: 'levels',
        frame: scope.currentFrame + frames,
        channels: this.meters.map((m) => ({ peakDb: m.peakDb, holdDb: m.holdDb, rmsDb: m.rmsDb, truePeakMaxDb: m.truePeakMaxDb })),
      };
      this.port.postMessage(reply);
    }
    return this.alive;
  }
}

scope.registerProcessor(PROCESSOR_NAMES.meter, MeterProcessor);
