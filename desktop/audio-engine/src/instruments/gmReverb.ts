import type { ReverbProcessor, ReverbProcessorSnapshot } from 'spessasynth_core';
import { createReverb, processReverb, setReverbOptions, type ReverbOptions, type ReverbState } from '../dsp/reverb';

/** The GS reverb parameters (0-127) a GmReverb follows. */
export interface GsReverbParams {
  readonly time: number;
  readonly preDelayTime: number;
  readonly preLowpass: number;
}

/**
 * The Freeverb settings GS reverb parameters map to.
 *
 * @example
 * setReverbOptions(state, gmReverbOptions({ time: 64, preDelayTime: 0, preLowpass: 0 }));
 */
export function gmReverbOptions(p: GsReverbParams): Partial<ReverbOptions> {
  return { decay: 0.3 + 6 * (p.time / 127) ** 1.5, preDelay: p.preDelayTime / 1000, damping: 9000 / 2 ** (p.preLowpass / 2) };
}

/**
 * The GM/GS reverb of the soundfont player on the engine's Freeverb kernel (dsp/reverb.ts), in
 * place of spessasynth's Dattorro plate: about a third of the cost per block (the plate took two
 * thirds of a whole render), the same family as FluidSynth's reverb. GS parameters (0-127) map to
 * decay, pre-delay and damping; characters 6-7 (delays) play as the reverb.
 */
export class GmReverb implements ReverbProcessor {
  level = 64;
  preLowpass = 0;
  character = 4;
  time = 64;
  delayFeedback = 0;
  preDelayTime = 0;
  private readonly state: ReverbState;
  private readonly wetL: Float32Array;
  private readonly wetR: Float32Array;
  private applied = '';

  constructor(sampleRate: number, maxBlock: number) {
    this.state = createReverb({ mix: 1, preDelay: 0 }, sampleRate);
    this.wetL = new Float32Array(maxBlock);
    this.wetR = new Float32Array(maxBlock);
  }

  process(input: Float32Array, outputLeft: Float32Array, outputRight: Float32Array, startIndex: number, sampleCount: number): void {
    const key = `${this.time}/${this.preDelayTime}/${this.preLowpass}`;
    if (key !== this.applied) {
      this.applied = key;
      setReverbOptions(this.state, gmReverbOptions(this));
    }
    const n = Math.min(sampleCount, this.wetL.length);
    const full = n === this.wetL.length;
    const inp = full && input.length === n ? input : input.subarray(0, n);
    const wl = full ? this.wetL : this.wetL.subarray(0, n);
    const wr = full ? this.wetR : this.wetR.subarray(0, n);
    processReverb(this.state, inp, inp, wl, wr);
    const g = this.level / 127;
    for (let i = 0; i < n; i++) {
      outputLeft[startIndex + i]! += wl[i]! * g;
      outputRight[startIndex + i]! += wr[i]! * g;
    }
  }

  getSnapshot(): ReverbProcessorSnapshot {
    const { level, preLowpass, character, time, delayFeedback, preDelayTime } = this;
    return { level, preLowpass, character, time, delayFeedback, preDelayTime };
  }
}

/**
 * A GM reverb that keeps its send instead of reverberating it: the synth's reverb input, times
 * the reverb level, lands in `send` (indexed like the synth's output block). The headless mixer
 * reverberates the sends of several synths together (headless/sharedReverb.ts): the reverb is
 * linear, so one reverb over the weighted sum sounds as one reverb per synth would, for a fraction
 * of the cost. Reports the same parameters as a GmReverb.
 */
export class GmReverbTap implements ReverbProcessor {
  level = 64;
  preLowpass = 0;
  character = 4;
  time = 64;
  delayFeedback = 0;
  preDelayTime = 0;
  readonly send: Float32Array;

  constructor(maxBlock: number) {
    this.send = new Float32Array(maxBlock);
  }

  process(input: Float32Array, _left: Float32Array, _right: Float32Array, startIndex: number, sampleCount: number): void {
    const g = this.level / 127;
    const n = Math.min(sampleCount, this.send.length - startIndex);
    for (let i = 0; i < n; i++) this.send[startIndex + i] = input[i]! * g;
  }

  getSnapshot(): ReverbProcessorSnapshot {
    const { level, preLowpass, character, time, delayFeedback, preDelayTime } = this;
    return { level, preLowpass, character, time, delayFeedback, preDelayTime };
  }
}
