import { scope } from '../worklets/processorScope';
import { VOICE_EVENT_STRIDE, VoiceEvent } from '../worklets/protocol';
import { GmSynth, parseSoundBank, type SoundBank } from './gmSynth';
import { SOUNDFONT_PROCESSOR, type SoundfontMessage, type SoundfontProcessorOptions, type SoundfontReply } from './protocol';

/**
 * One instrument track of the General MIDI soundfont player or drum machine: a GmSynth on
 * channel 0, stereo out. The bank is parsed once per worklet scope (shared by every track of the
 * context); until the synth is ready the processor outputs silence and keeps the events it gets,
 * and says `ready`, which the node's `delivered()` waits for. Events land on their exact frames.
 */

const banks = new Map<string, Promise<SoundBank>>();
const bankWaiters = new Map<string, ((bank: SoundBank) => void)[]>();

class SoundfontProcessor extends scope.AudioWorkletProcessor {
  private readonly o: SoundfontProcessorOptions;
  private synth: GmSynth | null = null;
  private queue: number[] = [];
  private head = 0;
  private alive = true;

  constructor(options: AudioWorkletNodeOptions) {
    super(options);
    this.o = options.processorOptions as SoundfontProcessorOptions;
    this.port.onmessage = (e: MessageEvent<SoundfontMessage>) => this.receive(e.data);
    let bank = banks.get(this.o.bankId);
    if (!bank) {
      bank = new Promise<SoundBank>((resolve) => bankWaiters.set(this.o.bankId, [resolve]));
      banks.set(this.o.bankId, bank);
      this.reply({ type: 'need-bank' });
    }
    bank
      .then((b) => GmSynth.create(b, { sampleRate: scope.sampleRate, blockSize: 128, voiceCap: 64 }))
      .then((synth) => {
        synth.assign(0, this.o.instrument);
        synth.mix(0, { gain: this.o.gain, pan: 0 });
        this.synth = synth;
        this.reply({ type: 'ready' });
      })
      .catch((e: unknown) => this.reply({ type: 'error', message: e instanceof Error ? e.message : String(e) }));
  }

  private reply(message: SoundfontReply): void {
    this.port.postMessage(message);
  }

  private receive(message: SoundfontMessage): void {
    switch (message.type) {
      case 'dispose':
        this.alive = false;
        this.synth?.dispose();
        this.port.close();
        return;
      case 'bank': {
        try {
          const bank = parseSoundBank(message.bytes);
          for (const resolve of bankWaiters.get(this.o.bankId) ?? []) resolve(bank);
          bankWaiters.delete(this.o.bankId);
        } catch (e) {
          banks.delete(this.o.bankId);
          this.reply({ type: 'error', message: e instanceof Error ? e.message : String(e) });
        }
        return;
      }
      case 'clear':
        this.queue = [];
        this.head = 0;
        this.synth?.releaseAll();
        return;
      case 'events': {
        if (this.head > 4096) {
          this.queue = this.queue.slice(this.head);
          this.head = 0;
        }
        for (let i = 0; i < message.data.length; i++) this.queue.push(message.data[i]!);
        this.sortQueue();
        this.reply({ type: 'ack', seq: message.seq });
        return;
      }
    }
  }

  /** Batches arrive in time order; a late one must not jump ahead of queued events. */
  private sortQueue(): void {
    let sorted = true;
    for (let i = this.head + VOICE_EVENT_STRIDE; i < this.queue.length && sorted; i += VOICE_EVENT_STRIDE) sorted = this.queue[i - VOICE_EVENT_STRIDE]! <= this.queue[i]!;
    if (sorted) return;
    const events: number[][] = [];
    for (let i = this.head; i < this.queue.length; i += VOICE_EVENT_STRIDE) events.push(this.queue.slice(i, i + VOICE_EVENT_STRIDE));
    events.sort((a, b) => a[0]! - b[0]!);
    this.queue = events.flat();
    this.head = 0;
  }

  private apply(synth: GmSynth, at: number): void {
    const q = this.queue;
    const kind = q[at + 1]!;
    const pitch = q[at + 3]!;
    if (kind === VoiceEvent.NoteOn) synth.noteOn(0, pitch, q[at + 4]!);
    else if (kind === VoiceEvent.NoteOff) synth.noteOff(0, pitch);
    else synth.releaseAll(kind === VoiceEvent.Silence);
  }

  process(_inputs: Float32Array[][], outputs: Float32Array[][]): boolean {
    const out = outputs[0];
    const left = out?.[0];
    const right = out?.[1] ?? left;
    const synth = this.synth;
    if (!left || !right || !synth) return this.alive;
    const start = scope.currentFrame;
    const frames = left.length;
    let at = 0;
    while (at < frames) {
      while (this.head < this.queue.length && this.queue[this.head]! <= start + at) {
        this.apply(synth, this.head);
        this.head += VOICE_EVENT_STRIDE;
      }
      const next = this.head < this.queue.length ? Math.min(frames, this.queue[this.head]! - start) : frames;
      synth.render(left, right, at, next - at);
      at = next;
    }
    return this.alive;
  }
}

scope.registerProcessor(SOUNDFONT_PROCESSOR, SoundfontProcessor);
