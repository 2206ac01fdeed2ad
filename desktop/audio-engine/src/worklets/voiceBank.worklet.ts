import { createAdsr, gateOff, gateOn, renderAdsr, Stage, type AdsrState } from '../dsp/envelope';
import { createOscillator, midiToHz, renderOscillator, type OscillatorState } from '../dsp/oscillator';
import { scope } from './processorScope';
import { PROCESSOR_NAMES, VOICE_EVENT_STRIDE, VoiceEvent, type VoiceBankMessage, type VoiceBankProcessorOptions, type VoiceBankReply } from './protocol';

/**
 * A fixed pool of synth (or sampler) voices. Notes arrive as batches of sample-accurate events
 * through the port, ahead of time; each block renders the voices up to the next event, applies
 * it, and goes on, so an event lands on its exact frame. When every voice is busy, the quietest
 * releasing voice (else the oldest) is stolen and re-attacked from its current level.
 */

interface Voice {
  readonly osc: OscillatorState;
  readonly env: AdsrState;
  id: number;
  pitch: number;
  frequency: number;
  gain: number;
  startedAt: number;
  /** Sampler: read position in source frames and the step per output frame. */
  position: number;
  rate: number;
}

class VoiceBankProcessor extends scope.AudioWorkletProcessor {
  private readonly o: VoiceBankProcessorOptions;
  private readonly voices: Voice[];
  /** Pending events, flat (stride VOICE_EVENT_STRIDE), consumed from `head`. */
  private queue: number[] = [];
  private head = 0;
  private readonly wave = new Float32Array(128);
  private readonly envelope = new Float32Array(128);
  private alive = true;

  constructor(options: AudioWorkletNodeOptions) {
    super(options);
    this.o = options.processorOptions as VoiceBankProcessorOptions;
    this.voices = Array.from({ length: this.o.voices }, () => ({
      osc: createOscillator(),
      env: createAdsr(this.o, scope.sampleRate),
      id: -1,
      pitch: 0,
      frequency: 0,
      gain: 0,
      startedAt: 0,
      position: 0,
      rate: 0,
    }));
    this.port.onmessage = (e: MessageEvent<VoiceBankMessage | { type: 'dispose' }>) => this.receive(e.data);
  }

  private receive(message: VoiceBankMessage | { type: 'dispose' }): void {
    if (message.type === 'dispose') {
      this.alive = false;
      this.port.close();
      return;
    }
    if (message.type === 'clear') {
      this.queue = [];
      this.head = 0;
      for (const v of this.voices) gateOff(v.env);
      return;
    }
    const pending = this.queue.length - this.head;
    if (this.head > 4096 || pending === 0) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    const data = message.data;
    // Batches arrive in time order, but a late batch must not jump ahead of queued events.
    const lastFrame = this.queue.length > this.head ? this.queue[this.queue.length - VOICE_EVENT_STRIDE]! : -Infinity;
    for (let i = 0; i < data.length; i++) this.queue.push(data[i]!);
    if (data.length > 0 && data[0]! < lastFrame) this.sortQueue();
    this.port.postMessage({ type: 'ack', seq: message.seq } satisfies VoiceBankReply);
  }

  private sortQueue(): void {
    const events: number[][] = [];
    for (let i = this.head; i < this.queue.length; i += VOICE_EVENT_STRIDE) events.push(this.queue.slice(i, i + VOICE_EVENT_STRIDE));
    events.sort((a, b) => a[0]! - b[0]!);
    this.queue = events.flat();
    this.head = 0;
  }

  process(_inputs: Float32Array[][], outputs: Float32Array[][]): boolean {
    const out = outputs[0]?.[0];
    if (!out) return this.alive;
    out.fill(0);
    const start = scope.currentFrame;
    const end = start + out.length;
    let pos = 0;
    while (this.head < this.queue.length && this.queue[this.head]! < end) {
      const at = Math.max(0, Math.round(this.queue[this.head]!) - start);
      if (at > pos) this.renderVoices(out, pos, at);
      pos = Math.max(pos, at);
      const h = this.head;
      this.apply(this.queue[h + 1]!, this.queue[h + 2]!, this.queue[h + 3]!, this.queue[h + 4]!, start + pos);
      this.head += VOICE_EVENT_STRIDE;
    }
    if (pos < out.length) this.renderVoices(out, pos, out.length);
    return this.alive;
  }

  private apply(kind: number, id: number, pitch: number, velocity: number, frame: number): void {
    switch (kind) {
      case VoiceEvent.NoteOn: {
        const v = this.allocate();
        v.id = id;
        v.pitch = pitch;
        v.frequency = midiToHz(pitch);
        v.gain = this.o.gain * (velocity / 127);
        v.startedAt = frame;
        if (this.o.sample) {
          v.position = 0;
          v.rate = (2 ** ((pitch - this.o.sample.rootPitch) / 12) * this.o.sample.sampleRate) / scope.sampleRate;
        }
        gateOn(v.env);
        break;
      }
      case VoiceEvent.NoteOff:
        for (const v of this.voices) if (v.id === id && v.env.stage !== Stage.Release && v.env.stage !== Stage.Idle) gateOff(v.env);
        break;
      case VoiceEvent.ReleaseAll:
        for (const v of this.voices) gateOff(v.env);
        break;
      case VoiceEvent.Silence:
        for (const v of this.voices) {
          v.env.stage = Stage.Idle;
          v.env.level = 0;
        }
        break;
    }
  }

  private allocate(): Voice {
    let best: Voice | undefined;
    for (const v of this.voices) if (v.env.stage === Stage.Idle) return v;
    for (const v of this.voices) if (v.env.stage === Stage.Release && (!best || v.env.level < best.env.level)) best = v;
    if (best) return best;
    for (const v of this.voices) if (!best || v.startedAt < best.startedAt) best = v;
    return best!;
  }

  private renderVoices(out: Float32Array, from: number, to: number): void {
    const wave = this.wave;
    const env = this.envelope;
    const sample = this.o.sample;
    for (const v of this.voices) {
      if (v.env.stage === Stage.Idle) continue;
      wave.fill(0, from, to);
      if (sample) this.renderSample(v, sample.data, from, to);
      else renderOscillator(v.osc, this.o.waveform, v.frequency, scope.sampleRate, wave, from, to, v.gain);
      renderAdsr(v.env, env, from, to);
      for (let i = from; i < to; i++) out[i]! += wave[i]! * env[i]!;
    }
  }

  private renderSample(v: Voice, data: Float32Array, from: number, to: number): void {
    const last = data.length - 1;
    let p = v.position;
    for (let i = from; i < to; i++) {
      if (p >= last) {
        v.env.stage = Stage.Idle;
        break;
      }
      const k = Math.floor(p);
      const f = p - k;
      this.wave[i] = v.gain * (data[k]! * (1 - f) + data[k + 1]! * f);
      p += v.rate;
    }
    v.position = p;
  }
}

scope.registerProcessor(PROCESSOR_NAMES.voiceBank, VoiceBankProcessor);
