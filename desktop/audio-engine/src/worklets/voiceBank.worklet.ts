import { VoicePool } from '../dsp/voices';
import { scope } from './processorScope';
import { PROCESSOR_NAMES, type VoiceBankMessage, type VoiceBankProcessorOptions, type VoiceBankReply } from './protocol';

/**
 * A voice pool (dsp/voices.ts) on its own output: the instrument of a track whose channel is
 * built from native nodes (fused channels play their voices inside the channel processor).
 * Notes arrive as acknowledged batches of sample-accurate events through the port, ahead of time.
 */
class VoiceBankProcessor extends scope.AudioWorkletProcessor {
  private readonly pool: VoicePool;
  private alive = true;

  constructor(options: AudioWorkletNodeOptions) {
    super(options);
    this.pool = new VoicePool(options.processorOptions as VoiceBankProcessorOptions, scope.sampleRate);
    this.port.onmessage = (e: MessageEvent<VoiceBankMessage | { type: 'dispose' }>) => this.receive(e.data);
  }

  private receive(message: VoiceBankMessage | { type: 'dispose' }): void {
    if (message.type === 'dispose') {
      this.alive = false;
      this.port.close();
      return;
    }
    if (message.type === 'clear') {
      this.pool.clear();
      return;
    }
    this.pool.enqueue(message.data);
    this.port.postMessage({ type: 'ack', seq: message.seq } satisfies VoiceBankReply);
  }

  process(_inputs: Float32Array[][], outputs: Float32Array[][]): boolean {
    const out = outputs[0]?.[0];
    if (out) this.pool.render(out, scope.currentFrame);
    return this.alive;
  }
}

scope.registerProcessor(PROCESSOR_NAMES.voiceBank, VoiceBankProcessor);
