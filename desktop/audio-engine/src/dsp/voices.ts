import { createAdsr, gateOff, gateOn, renderAdsr, Stage, type AdsrState } from './envelope';
import { createOscillator, midiToHz, renderOscillator, type OscillatorState, type Waveform } from './oscillator';

/**
 * A fixed pool of synth (or sampler) voices fed with sample-accurate note events, as a kernel:
 * the voice bank processor and the fused channel processor both play notes through it. Each
 * block renders the voices up to the next event, applies it and goes on, so an event lands on
 * its exact frame. When every voice is busy, the quietest releasing voice (else the oldest) is
 * stolen and re-attacked from its current level.
 */

/** Event kinds of the queue. */
export const VoiceEvent = { NoteOff: 0, NoteOn: 1, ReleaseAll: 2, Silence: 3 } as const;
export type VoiceEvent = (typeof VoiceEvent)[keyof typeof VoiceEvent];

/** Numbers per event in a batch: frame, kind, note id, pitch, velocity. */
export const VOICE_EVENT_STRIDE = 5;

export interface VoicePoolOptions {
  readonly voices: number;
  readonly waveform: Waveform;
  readonly attack: number;
  readonly decay: number;
  readonly sustain: number;
  readonly release: number;
  /** Linear gain of one voice at velocity 127. */
  readonly gain: number;
  /** Sampler mode: a mono sample, its rate and the pitch it sounds at unshifted. */
  readonly sample: { readonly data: Float32Array; readonly sampleRate: number; readonly rootPitch: number } | null;
}

interface Voice {
  readonly osc: OscillatorState;
  readonly env: AdsrState;
  id: number;
  frequency: number;
  gain: number;
  startedAt: number;
  /** Sampler: read position in source frames and the step per output frame. */
  position: number;
  rate: number;
}

/**
 * The pool and its pending events.
 *
 * @example
 * const pool = new VoicePool({ ...options }, 48_000);
 * pool.enqueue([0, VoiceEvent.NoteOn, 1, 69, 100]);
 * pool.render(block, currentFrame);
 */
export class VoicePool {
  private readonly voices: Voice[];
  /** Pending events, flat (stride VOICE_EVENT_STRIDE), consumed from `head`. */
  private queue: number[] = [];
  private head = 0;
  private wave = new Float32Array(128);
  private envelope = new Float32Array(128);

  constructor(
    private readonly o: VoicePoolOptions,
    private readonly sampleRate: number,
  ) {
    this.voices = Array.from({ length: Math.max(1, o.voices) }, () => ({
      osc: createOscillator(),
      env: createAdsr(o, sampleRate),
      id: -1,
      frequency: 0,
      gain: 0,
      startedAt: 0,
      position: 0,
      rate: 0,
    }));
  }

  /** Adds a batch of events (flat, stride VOICE_EVENT_STRIDE, in time order within the batch). */
  enqueue(data: ArrayLike<number>): void {
    if (this.head > 4096 || this.head === this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    // Batches arrive in time order, but a late batch must not jump ahead of queued events.
    const lastFrame = this.queue.length > this.head ? this.queue[this.queue.length - VOICE_EVENT_STRIDE]! : -Infinity;
    for (let i = 0; i < data.length; i++) this.queue.push(data[i]!);
    if (data.length > 0 && data[0]! < lastFrame) this.sortQueue();
  }

  /** Drops pending events and releases every sounding voice (transport stop). */
  clear(): void {
    this.queue = [];
    this.head = 0;
    for (const v of this.voices) gateOff(v.env);
  }

  /** Whether no voice sounds and no event is due before `frame`: the next block may be skipped as silence. */
  idleUntil(frame: number): boolean {
    if (this.head < this.queue.length && this.queue[this.head]! < frame) return false;
    for (const v of this.voices) if (v.env.stage !== Stage.Idle) return false;
    return true;
  }

  /** Writes the voices' sum into `out` (overwriting), which starts at context frame `start`. */
  render(out: Float32Array, start: number): void {
    if (this.wave.length < out.length) {
      this.wave = new Float32Array(out.length);
      this.envelope = new Float32Array(out.length);
    }
    out.fill(0);
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
  }

  private sortQueue(): void {
    const events: number[][] = [];
    for (let i = this.head; i < this.queue.length; i += VOICE_EVENT_STRIDE) events.push(this.queue.slice(i, i + VOICE_EVENT_STRIDE));
    events.sort((a, b) => a[0]! - b[0]!);
    this.queue = events.flat();
    this.head = 0;
  }

  private apply(kind: number, id: number, pitch: number, velocity: number, frame: number): void {
    switch (kind) {
      case VoiceEvent.NoteOn: {
        const v = this.allocate();
        // A voice that fell silent restarts its wave from phase 0: where it stopped depends on the
        // block it went idle in, so a note would otherwise sound different with the render's block grid
        // (real-time playback, which starts anywhere, against an export of the same song).
        if (v.env.stage === Stage.Idle) {
          // As createOscillator() leaves it (no allocation on the audio thread).
          v.osc.phase = 0;
          v.osc.integrator = -1;
        }
        v.id = id;
        v.frequency = midiToHz(pitch);
        v.gain = this.o.gain * (velocity / 127);
        v.startedAt = frame;
        if (this.o.sample) {
          v.position = 0;
          v.rate = (2 ** ((pitch - this.o.sample.rootPitch) / 12) * this.o.sample.sampleRate) / this.sampleRate;
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
    const { wave, envelope: env, sampleRate } = this;
    const sample = this.o.sample;
    for (const v of this.voices) {
      const stage = v.env.stage;
      if (stage === Stage.Idle) continue;
      if (stage === Stage.Sustain && !sample) {
        // A held note's envelope is constant: fold it into the oscillator's gain (same result, a third of the work).
        renderOscillator(v.osc, this.o.waveform, v.frequency, sampleRate, out, from, to, v.gain * v.env.level);
        continue;
      }
      if (sample) {
        wave.fill(0, from, to);
        this.renderSample(v, sample.data, from, to);
        renderAdsr(v.env, env, from, to);
        for (let i = from; i < to; i++) out[i]! += wave[i]! * env[i]!;
      } else {
        renderAdsr(v.env, env, from, to);
        renderOscillator(v.osc, this.o.waveform, v.frequency, sampleRate, out, from, to, v.gain, env);
      }
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
