import { scope } from './processorScope';
import { RECORDER_PROCESSOR, type RecorderMessage, type RecorderProcessorOptions, type RecorderReply } from './recorderProtocol';

/**
 * Captures its input between `start` and `stop`, posting batches of `batch` frames stamped with
 * the context frame of their first sample, so the main thread knows to the sample when each was
 * heard by the graph. It has no output (the graph pulls it like the meter). A batch's arrays are
 * transferred, so the only allocation in process() is the next batch's, once per batch.
 */
class RecorderProcessor extends scope.AudioWorkletProcessor {
  private readonly channels: number;
  private readonly batch: number;
  private buffers: Float32Array[] | null = null;
  private filled = 0;
  private batchFrame = 0;
  private recording = false;
  private alive = true;

  constructor(options: AudioWorkletNodeOptions) {
    super(options);
    const o = options.processorOptions as RecorderProcessorOptions;
    this.channels = Math.max(1, o.channels);
    this.batch = Math.max(128, o.batch);
    this.port.onmessage = (e: MessageEvent<RecorderMessage>) => {
      if (e.data.type === 'start') this.recording = true;
      else if (e.data.type === 'stop') {
        this.recording = false;
        this.flush();
        this.post({ type: 'stopped', frame: scope.currentFrame });
      } else if (e.data.type === 'dispose') {
        this.recording = false;
        this.alive = false;
        this.port.close();
      }
    };
  }

  process(inputs: Float32Array[][]): boolean {
    if (!this.recording) return this.alive;
    const input = inputs[0] ?? [];
    const frames = input[0]?.length ?? 128;
    let done = 0;
    while (done < frames) {
      if (!this.buffers) {
        this.buffers = Array.from({ length: this.channels }, () => new Float32Array(this.batch));
        this.filled = 0;
        this.batchFrame = scope.currentFrame + done;
      }
      const n = Math.min(frames - done, this.batch - this.filled);
      for (let c = 0; c < this.channels; c++) {
        // A mono input feeds every channel; no input (nothing connected) is silence.
        const source = input[Math.min(c, input.length - 1)];
        if (source) this.buffers[c]!.set(source.subarray(done, done + n), this.filled);
      }
      this.filled += n;
      done += n;
      if (this.filled === this.batch) this.flush();
    }
    return this.alive;
  }

  private flush(): void {
    if (!this.buffers || this.filled === 0) return;
    const channels = this.buffers.map((b) => (this.filled === this.batch ? b : b.slice(0, this.filled)));
    this.buffers = null;
    this.post({ type: 'chunk', frame: this.batchFrame, channels }, channels.map((c) => c.buffer as ArrayBuffer));
  }

  private post(reply: RecorderReply, transfer: ArrayBuffer[] = []): void {
    this.port.postMessage(reply, transfer);
  }
}

scope.registerProcessor(RECORDER_PROCESSOR, RecorderProcessor);
