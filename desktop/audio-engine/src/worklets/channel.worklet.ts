import { createChain, processChain, type ChainState } from '../dsp/channelChain';
import { ParamSchedule } from '../dsp/paramSchedule';
import { scope } from './processorScope';
import { PARAM_EVENT_STRIDE, ParamOp, PROCESSOR_NAMES, type ChannelMessage, type ChannelProcessorOptions, type ChannelReply } from './protocol';

/** Slots before the sends: volume, pan left, pan right. */
const MIX_SLOTS = 3;

/**
 * A whole mixer channel in one processor (see ChannelProcessorOptions): where the node graph
 * of a track costs 10-20 native nodes and worklets per block, this is one call. Volume, pan and
 * send levels follow their events sample by sample; device params are read once per block.
 * Param events arrive in acknowledged batches through the port, like the voice bank's notes.
 */
class ChannelProcessor extends scope.AudioWorkletProcessor {
  private readonly inputGain: number;
  private readonly chain: ChainState;
  private readonly schedules: ParamSchedule[];
  private readonly values: Float64Array;
  private readonly pre: readonly boolean[];
  private readonly l = new Float32Array(128);
  private readonly r = new Float32Array(128);
  private readonly curve = new Float32Array(128);
  private readonly curve2 = new Float32Array(128);
  private readonly curve3 = new Float32Array(128);
  private width = 1;
  /** Per output with compensation: two ring buffers of its delay and the write position. */
  private readonly lines: ({ l: Float32Array; r: Float32Array; at: number } | null)[];
  private alive = true;

  constructor(options: AudioWorkletNodeOptions) {
    super(options);
    const o = options.processorOptions as ChannelProcessorOptions;
    this.inputGain = o.inputGain;
    this.chain = createChain(o.stages, scope.sampleRate);
    this.schedules = o.values.map((v) => new ParamSchedule(v));
    this.values = Float64Array.from(o.values);
    this.pre = o.sends.map((s) => s.pre);
    this.lines = Array.from({ length: 1 + o.sends.length }, (_, k) => {
      const d = Math.round(o.delays?.[k] ?? 0);
      return d > 0 ? { l: new Float32Array(d), r: new Float32Array(d), at: 0 } : null;
    });
    this.port.onmessage = (e: MessageEvent<ChannelMessage>) => this.receive(e.data);
  }

  private receive(message: ChannelMessage): void {
    if (message.type === 'dispose') {
      this.alive = false;
      this.port.close();
      return;
    }
    const d = message.data;
    for (let i = 0; i < d.length; i += PARAM_EVENT_STRIDE) {
      const schedule = this.schedules[d[i + 1]!];
      if (!schedule) continue;
      if (d[i] === ParamOp.Cancel) schedule.cancel(d[i + 2]!);
      else schedule.add(d[i + 2]!, d[i + 3]!, d[i] === ParamOp.Ramp);
    }
    this.port.postMessage({ type: 'ack', seq: message.seq } satisfies ChannelReply);
  }

  process(inputs: Float32Array[][], outputs: Float32Array[][]): boolean {
    const input = inputs[0] ?? [];
    const main = outputs[0]!;
    const outL = main[0]!;
    const outR = main[1] ?? outL;
    const frames = outL.length;
    if (this.inputGain === 0) {
      for (const out of outputs) for (const ch of out) ch.fill(0);
      return this.alive;
    }
    const { l, r, values, schedules } = this;
    const sr = scope.sampleRate;
    const t0 = scope.currentFrame / sr;
    const dt = 1 / sr;
    // Device params: k-rate, at the block's start.
    for (let k = MIX_SLOTS + this.pre.length; k < schedules.length; k++) values[k] = schedules[k]!.valueAt(t0);

    let width = input.length > 0 ? Math.min(2, input.length) : this.width;
    const g = this.inputGain;
    if (input.length === 0) {
      l.fill(0);
      r.fill(0);
    } else {
      const a = input[0]!;
      for (let i = 0; i < frames; i++) l[i] = a[i]! * g;
      if (width > 1) {
        const b = input[1]!;
        for (let i = 0; i < frames; i++) r[i] = b[i]! * g;
      }
    }
    width = processChain(this.chain, values, l, r, width);
    this.width = width;
    const preR = width > 1 ? r : l;

    // Fader and pan: constant over the block unless a ramp or step falls inside it.
    const volume = schedules[0]!.block(t0, dt, frames, this.curve);
    const panL = schedules[1]!.block(t0, dt, frames, this.curve2);
    const panR = schedules[2]!.block(t0, dt, frames, this.curve3);
    if (Number.isNaN(volume) || Number.isNaN(panL) || Number.isNaN(panR)) {
      // Sample-accurate path: per-sample gains where a ramp or step falls inside the block.
      if (!Number.isNaN(volume)) this.curve.fill(volume);
      if (!Number.isNaN(panL)) this.curve2.fill(panL);
      if (!Number.isNaN(panR)) this.curve3.fill(panR);
      const { curve: vol, curve2: pl, curve3: pr } = this;
      for (let i = 0; i < frames; i++) {
        const v = vol[i]!;
        outL[i] = l[i]! * v * pl[i]!;
        outR[i] = preR[i]! * v * pr[i]!;
      }
    } else {
      const gl = volume * panL;
      const gr = volume * panR;
      for (let i = 0; i < frames; i++) {
        outL[i] = l[i]! * gl;
        outR[i] = preR[i]! * gr;
      }
    }

    for (let s = 0; s < this.pre.length; s++) {
      const out = outputs[s + 1];
      if (!out) continue;
      const sl = out[0]!;
      const sr2 = out[1] ?? sl;
      const srcL = this.pre[s] ? l : outL;
      const srcR = this.pre[s] ? preR : outR;
      const level = schedules[MIX_SLOTS + s]!.block(t0, dt, frames, this.curve);
      if (Number.isNaN(level)) {
        const c = this.curve;
        for (let i = 0; i < frames; i++) {
          sl[i] = srcL[i]! * c[i]!;
          sr2[i] = srcR[i]! * c[i]!;
        }
      } else {
        for (let i = 0; i < frames; i++) {
          sl[i] = srcL[i]! * level;
          sr2[i] = srcR[i]! * level;
        }
      }
    }
    // Compensation last: the sends above read the undelayed channel output.
    for (let k = 0; k < this.lines.length; k++) {
      const line = this.lines[k];
      const out = outputs[k];
      if (line && out) delayBlock(line, out[0]!, out[1] ?? out[0]!, frames);
    }
    return this.alive;
  }
}

/** Delays a stereo block in place through `line`'s rings (integer frames, so exact). */
function delayBlock(line: { l: Float32Array; r: Float32Array; at: number }, a: Float32Array, b: Float32Array, frames: number): void {
  const n = line.l.length;
  let at = line.at;
  for (let i = 0; i < frames; i++) {
    const x = a[i]!;
    const y = b[i]!;
    a[i] = line.l[at]!;
    b[i] = line.r[at]!;
    line.l[at] = x;
    line.r[at] = y;
    if (++at === n) at = 0;
  }
  line.at = at;
}

scope.registerProcessor(PROCESSOR_NAMES.channel, ChannelProcessor);
