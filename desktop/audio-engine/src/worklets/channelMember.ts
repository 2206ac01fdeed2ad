import { createChain, processChain, type ChainState, type KeyBlocks } from '../dsp/channelChain';
import { ParamSchedule } from '../dsp/paramSchedule';
import { createMeter, step, type MeterState } from '../dsp/meter';
import { VoicePool } from '../dsp/voices';
import type { ChannelLevels, ChannelMemberOptions } from './protocol';

/** Slots before the sends: volume, pan left, pan right. */
const MIX_SLOTS = 3;

/** A ring delaying one edge (integer frames, so exact). */
interface Line {
  readonly l: Float32Array;
  readonly r: Float32Array;
  at: number;
}

/**
 * One fused channel of a channel processor (see ChannelMemberOptions): its voices or input
 * through its chain, fader, pan and sends, added into the processor's outputs. Volume, pan and
 * send levels follow their events sample by sample; device params are read once per block.
 * Pure block code over Float32Arrays: the processor owns the worklet side.
 */
export class ChannelMember {
  readonly schedules: ParamSchedule[];
  readonly voices: VoicePool | null;
  readonly input: number | null;
  /** The processor inputs of its sidechain keys (see ChannelMemberOptions.keyInputs). */
  readonly keyInputs: readonly number[];
  /** Reused per block: the key inputs' channels (no garbage on the audio thread). */
  private readonly keyBlocks: (readonly Float32Array[])[];
  private readonly inputGain: number;
  private readonly chain: ChainState;
  private readonly values: Float64Array;
  private readonly pre: readonly boolean[];
  private readonly targets: readonly number[];
  private readonly lines: (Line | null)[];
  private l = new Float32Array(128);
  private r = new Float32Array(128);
  /** The post-fader block (what post sends tap). */
  private mainL = new Float32Array(128);
  private mainR = new Float32Array(128);
  /** Per-sample gains where a ramp or step falls inside the block. */
  private curve = new Float32Array(128);
  private curve2 = new Float32Array(128);
  private curve3 = new Float32Array(128);
  private width = 1;
  /** Post-fader meters (left, right), the report interval in frames and the frames since the last report. */
  private readonly meters: MeterState[] | null;
  private readonly meterInterval: number;
  private sinceReport = 0;

  constructor(o: ChannelMemberOptions, sampleRate: number) {
    this.meters = o.meter ? [createMeter(), createMeter()] : null;
    this.meterInterval = Math.max(128, o.meter?.interval ?? 0);
    this.inputGain = o.inputGain;
    this.input = o.input;
    this.keyInputs = o.keyInputs ?? [];
    this.keyBlocks = this.keyInputs.map(() => []);
    this.chain = createChain(o.stages, sampleRate);
    this.schedules = o.values.map((v) => new ParamSchedule(v));
    this.values = Float64Array.from(o.values);
    this.pre = o.sends.map((s) => s.pre);
    this.targets = o.outputs;
    // A muted channel never sounds in this graph (a mute change rebuilds it): no voices to run.
    this.voices = o.voices && o.inputGain !== 0 ? new VoicePool(o.voices, sampleRate) : null;
    this.lines = o.outputs.map((_, k) => {
      const d = Math.round(o.delays?.[k] ?? 0);
      return d > 0 ? { l: new Float32Array(d), r: new Float32Array(d), at: 0 } : null;
    });
  }

  /**
   * Adds this block of the channel into `outputs` (which the processor zeroed). `input` is the
   * member's input (empty when unconnected), `frame` the context frame of the block's start,
   * `keys` the sidechain blocks its keyed dynamics read.
   */
  process(input: readonly Float32Array[], outputs: Float32Array[][], frame: number, sampleRate: number, keys?: KeyBlocks): void {
    const g = this.inputGain;
    if (g === 0) return;
    const frames = outputs[0]?.[0]?.length ?? 128;
    if (this.l.length !== frames) this.resize(frames);
    const { l, r, values, schedules } = this;
    const t0 = frame / sampleRate;
    const dt = 1 / sampleRate;
    // Device params: k-rate, at the block's start.
    for (let k = MIX_SLOTS + this.pre.length; k < schedules.length; k++) values[k] = schedules[k]!.valueAt(t0);

    let width = this.width;
    if (this.voices) {
      this.voices.render(l, frame);
      if (g !== 1) for (let i = 0; i < frames; i++) l[i]! *= g;
      width = 1;
      if (input.length > 0) {
        // A member with both (not built today) mixes its input's first channel in.
        const a = input[0]!;
        for (let i = 0; i < frames; i++) l[i]! += a[i]! * g;
      }
    } else if (input.length === 0) {
      l.fill(0);
      r.fill(0);
    } else {
      width = Math.min(2, input.length);
      const a = input[0]!;
      for (let i = 0; i < frames; i++) l[i] = a[i]! * g;
      if (width > 1) {
        const b = input[1]!;
        for (let i = 0; i < frames; i++) r[i] = b[i]! * g;
      }
    }
    width = processChain(this.chain, values, l, r, width, keys);
    this.width = width;
    const preR = width > 1 ? r : l;

    // Fader and pan: constant over the block unless a ramp or step falls inside it.
    const { mainL, mainR } = this;
    const volume = schedules[0]!.block(t0, dt, frames, this.curve);
    const panL = schedules[1]!.block(t0, dt, frames, this.curve2);
    const panR = schedules[2]!.block(t0, dt, frames, this.curve3);
    if (Number.isNaN(volume) || Number.isNaN(panL) || Number.isNaN(panR)) {
      if (!Number.isNaN(volume)) this.curve.fill(volume);
      if (!Number.isNaN(panL)) this.curve2.fill(panL);
      if (!Number.isNaN(panR)) this.curve3.fill(panR);
      const { curve: vol, curve2: pl, curve3: pr } = this;
      for (let i = 0; i < frames; i++) {
        const v = vol[i]!;
        mainL[i] = l[i]! * v * pl[i]!;
        mainR[i] = preR[i]! * v * pr[i]!;
      }
    } else {
      const gl = volume * panL;
      const gr = volume * panR;
      for (let i = 0; i < frames; i++) {
        mainL[i] = l[i]! * gl;
        mainR[i] = preR[i]! * gr;
      }
    }
    this.emit(0, mainL, mainR, 1, outputs, frames);
    if (this.meters) {
      this.meters[0] = step(this.meters[0]!, mainL, sampleRate);
      this.meters[1] = step(this.meters[1]!, mainR, sampleRate);
      this.sinceReport += frames;
    }

    for (let s = 0; s < this.pre.length; s++) {
      const level = schedules[MIX_SLOTS + s]!.block(t0, dt, frames, this.curve);
      const srcL = this.pre[s] ? l : mainL;
      const srcR = this.pre[s] ? preR : mainR;
      if (Number.isNaN(level)) {
        // Varying level: scale into the scratch blocks (the chain's are free again after the pre taps).
        const c = this.curve;
        const a = this.curve2;
        const b = this.curve3;
        for (let i = 0; i < frames; i++) {
          a[i] = srcL[i]! * c[i]!;
          b[i] = srcR[i]! * c[i]!;
        }
        this.emit(1 + s, a, b, 1, outputs, frames);
      } else if (level !== 0 || this.lines[1 + s]) this.emit(1 + s, srcL, srcR, level, outputs, frames);
    }
  }

  /** The processor's `inputs` carrying this member's keys, for {@link process}; undefined without keys. */
  keysFrom(inputs: readonly (readonly Float32Array[])[]): KeyBlocks | undefined {
    if (this.keyInputs.length === 0) return undefined;
    for (let k = 0; k < this.keyInputs.length; k++) this.keyBlocks[k] = inputs[this.keyInputs[k]!] ?? [];
    return this.keyBlocks;
  }

  /** The last block after fader and pan, before the edges' compensation delays (what keys a sidechain). */
  get main(): readonly [Float32Array, Float32Array] {
    return [this.mainL, this.mainR];
  }

  /** The levels to report after this block, when a report is due (then the count restarts), else null. */
  levelsDue(): ChannelLevels[] | null {
    if (!this.meters || this.sinceReport < this.meterInterval) return null;
    this.sinceReport = 0;
    return this.meters.map((m) => ({ peakDb: m.peakDb, holdDb: m.holdDb, rmsDb: m.rmsDb, truePeakMaxDb: m.truePeakMaxDb }));
  }

  /** Adds `gain ×` the stereo block into the output of `edge`, through its compensation delay. */
  private emit(edge: number, a: Float32Array, b: Float32Array, gain: number, outputs: Float32Array[][], frames: number): void {
    const out = outputs[this.targets[edge]!];
    if (!out || out.length === 0) return;
    const outL = out[0]!;
    const outR = out[1] ?? outL;
    const line = this.lines[edge];
    if (!line) {
      for (let i = 0; i < frames; i++) {
        outL[i]! += a[i]! * gain;
        outR[i]! += b[i]! * gain;
      }
      return;
    }
    const n = line.l.length;
    let at = line.at;
    for (let i = 0; i < frames; i++) {
      outL[i]! += line.l[at]!;
      outR[i]! += line.r[at]!;
      line.l[at] = a[i]! * gain;
      line.r[at] = b[i]! * gain;
      if (++at === n) at = 0;
    }
    line.at = at;
  }

  private resize(frames: number): void {
    this.l = new Float32Array(frames);
    this.r = new Float32Array(frames);
    this.mainL = new Float32Array(frames);
    this.mainR = new Float32Array(frames);
    this.curve = new Float32Array(frames);
    this.curve2 = new Float32Array(frames);
    this.curve3 = new Float32Array(frames);
  }
}
