import { SpessaSynthProcessor, type ChorusProcessor, type ChorusProcessorSnapshot } from 'spessasynth_core';

/** What of spessasynth's chorus the idle skip reads and advances (plain fields of its class). */
interface ChorusInternals extends ChorusProcessor {
  phase: number;
  write: number;
  rateInc: number;
  preLPFz: number;
  leftDelayBuffer: Float32Array;
  rightDelayBuffer: Float32Array;
}

function allZero(x: Float32Array): boolean {
  for (let i = 0; i < x.length; i++) if (x[i] !== 0) return false;
  return true;
}

type ChorusClass = new (sampleRate: number, maxBufferSize: number) => ChorusInternals;
let chorusClass: ChorusClass | null = null;

/** spessasynth's own chorus (its class is not exported: taken once from a synth that made one). */
function spessaChorus(sampleRate: number, maxBlock: number): ChorusInternals {
  chorusClass ??= new SpessaSynthProcessor(sampleRate, { maxBufferSize: maxBlock, effectsEnabled: true }).chorusProcessor.constructor as ChorusClass;
  return new chorusClass(sampleRate, maxBlock);
}

/**
 * spessasynth's GM chorus that skips blocks it would compute as silence: a synth whose channels
 * send nothing to the chorus (GM's default, CC93 = 0) still ran its delay lines every block, a
 * tenth of a headless render per track. Once its input has been silent for a whole delay buffer,
 * it checks (about once a buffer length) whether its delay lines and pre-lowpass have decayed to
 * exact zeros; from then on, while the input stays silent, processing would only add zeros, so
 * a block only moves the LFO phase and write position on (the phase to within float rounding).
 */
export class GmChorus implements ChorusProcessor {
  private readonly inner: ChorusInternals;
  /** Frames of silent input in a row, and at how many of them the lines were last checked. */
  private silent = 0;
  private checkedAt = 0;
  /** The delay lines hold only zeros (and the input has been silent since). */
  private idle = false;

  constructor(sampleRate: number, maxBlock: number) {
    this.inner = spessaChorus(sampleRate, maxBlock);
  }

  process(input: Float32Array, outputLeft: Float32Array, outputRight: Float32Array, outputReverb: Float32Array, outputDelay: Float32Array, startIndex: number, sampleCount: number): void {
    let quiet = true;
    for (let i = 0; i < sampleCount; i++) {
      if (input[i] !== 0) {
        quiet = false;
        break;
      }
    }
    const c = this.inner;
    if (quiet && this.idle) {
      c.phase = (c.phase + c.rateInc * sampleCount) % 1;
      c.write = (c.write + sampleCount) % c.leftDelayBuffer.length;
      return;
    }
    c.process(input, outputLeft, outputRight, outputReverb, outputDelay, startIndex, sampleCount);
    if (!quiet) {
      this.silent = this.checkedAt = 0;
      this.idle = false;
      return;
    }
    this.silent += sampleCount;
    const line = c.leftDelayBuffer.length;
    if (this.silent >= line && this.silent - this.checkedAt >= line) {
      this.checkedAt = this.silent;
      this.idle = c.preLPFz === 0 && allZero(c.leftDelayBuffer) && allZero(c.rightDelayBuffer);
    }
  }

  /** Whether the chorus is skipping blocks (its lines are silent and its input is too). */
  get resting(): boolean {
    return this.idle;
  }

  getSnapshot(): ChorusProcessorSnapshot {
    return this.inner.getSnapshot();
  }

  get level(): number { return this.inner.level; }
  set level(v: number) { this.inner.level = v; }
  get preLowpass(): number { return this.inner.preLowpass; }
  set preLowpass(v: number) { this.inner.preLowpass = v; }
  get feedback(): number { return this.inner.feedback; }
  set feedback(v: number) { this.inner.feedback = v; }
  get delay(): number { return this.inner.delay; }
  set delay(v: number) { this.inner.delay = v; }
  get rate(): number { return this.inner.rate; }
  set rate(v: number) { this.inner.rate = v; }
  get depth(): number { return this.inner.depth; }
  set depth(v: number) { this.inner.depth = v; }
  get sendLevelToReverb(): number { return this.inner.sendLevelToReverb; }
  set sendLevelToReverb(v: number) { this.inner.sendLevelToReverb = v; }
  get sendLevelToDelay(): number { return this.inner.sendLevelToDelay; }
  set sendLevelToDelay(v: number) { this.inner.sendLevelToDelay = v; }
}
