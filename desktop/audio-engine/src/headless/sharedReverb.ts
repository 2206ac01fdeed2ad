import { createReverb, processReverb, type ReverbState } from '../dsp/reverb';
import { gmReverbOptions, type GmReverbTap, type GsReverbParams } from '../instruments/gmReverb';
import type { ChannelPlan } from './mixPlan';

/**
 * One GM reverb per summing point instead of one per soundfont track. In the app each soundfont
 * track's synth reverberates its own reverb send, and the track's strip then scales the reverb's
 * left and right outputs on their way to each summing point. Where that strip is linear and
 * fixed (no devices, no automation, no compensation delay), the contribution of track t to point
 * d is aₜ·R_L(sₜ) on the left and bₜ·R_R(sₜ) on the right, with sₜ the send, R_L and R_R the two
 * halves of the (linear) reverb and aₜ, bₜ the strip's gains. Summed over tracks that is
 * R_L(Σ aₜ·sₜ) and R_R(Σ bₜ·sₜ): one reverb fed with two weighted sums, whatever the number of
 * tracks. Equal to the per-track reverbs within float rounding. A render split over threads
 * gathers the weighted sends in each part and reverberates their total once (see MixerScope).
 */

/** Whether the reverb of this source's synth may be shared: a fixed, linear strip (that keys no sidechain, which hears the whole strip). */
export function canShareReverb(c: ChannelPlan): boolean {
  const m = c.member;
  return c.role === 'source' && m.stages.length === 0 && c.automation.length === 0 && (m.delays ?? []).every((d) => d === 0) && m.inputGain !== 0 && !c.isKey;
}

/** An edge of a fixed strip: its summing point, and the gains of the strip's left and right inputs on it. */
export interface StripEdge {
  readonly point: number;
  readonly left: number;
  readonly right: number;
}

/**
 * The gains of a strip that {@link canShareReverb}, per edge. They are those of the fused channel
 * (worklets/channelMember.ts): input gain, then volume × pan on the main edge and post sends, the
 * input gain alone on pre sends.
 */
export function stripEdges(c: ChannelPlan): StripEdge[] {
  const m = c.member;
  const [volume, panL, panR] = m.values as [number, number, number];
  const g = m.inputGain;
  return m.outputs.map((point, e) => {
    if (e === 0) return { point, left: g * volume * panL, right: g * volume * panR };
    const level = m.values[2 + e]!;
    return m.sends[e - 1]!.pre ? { point, left: g * level, right: g * level } : { point, left: g * volume * panL * level, right: g * volume * panR * level };
  });
}

interface Tap {
  readonly send: Float32Array;
  /** Per edge: its summing point, and the gains of the reverb's left and right outputs on it. */
  readonly edges: readonly StripEdge[];
}

export class SharedGmReverb {
  private readonly taps: Tap[] = [];
  private readonly points = new Map<number, { readonly state: ReverbState; readonly inL: Float32Array; readonly inR: Float32Array; readonly wetL: Float32Array; readonly wetR: Float32Array }>();

  constructor(
    private readonly sampleRate: number,
    private readonly block: number,
  ) {}

  get size(): number {
    return this.taps.length;
  }

  /** Adds the tap of a source whose strip {@link canShareReverb} (its gains: {@link stripEdges}). */
  add(c: ChannelPlan, tap: GmReverbTap): void {
    const edges = stripEdges(c);
    this.taps.push({ send: tap.send, edges });
    for (const { point } of edges) this.addPoint(point, tap);
  }

  /** Reverberates this block's sends into the summing points `acc` (after the sources rendered it). */
  process(acc: readonly Float32Array[][]): void {
    this.gather();
    this.reverberate(acc);
  }

  /**
   * A summing point reverberated here whose sends come from elsewhere (a render split over
   * threads gathers in the workers, through {@link sends}, and reverberates once in the mixer).
   */
  addPoint(point: number, params: GsReverbParams): void {
    if (this.points.has(point)) return;
    const n = this.block;
    const state = createReverb({ mix: 1, ...gmReverbOptions(params) }, this.sampleRate);
    this.points.set(point, { state, inL: new Float32Array(n), inR: new Float32Array(n), wetL: new Float32Array(n), wetR: new Float32Array(n) });
  }

  /** The weighted sends into `point` for this block (the reverb's left and right inputs), or null. */
  sends(point: number): readonly [Float32Array, Float32Array] | null {
    const p = this.points.get(point);
    return p ? [p.inL, p.inR] : null;
  }

  /** Sums this block's taps into each point's reverb inputs. */
  gather(): void {
    const n = this.block;
    for (const p of this.points.values()) {
      p.inL.fill(0);
      p.inR.fill(0);
    }
    for (const tap of this.taps) {
      for (const e of tap.edges) {
        const p = this.points.get(e.point)!;
        const s = tap.send;
        for (let i = 0; i < n; i++) {
          p.inL[i]! += s[i]! * e.left;
          p.inR[i]! += s[i]! * e.right;
        }
      }
    }
  }

  /** Runs each point's reverb over its inputs and adds it into the point. */
  reverberate(acc: readonly Float32Array[][]): void {
    const n = this.block;
    for (const [point, p] of this.points) {
      processReverb(p.state, p.inL, p.inR, p.wetL, p.wetR);
      const [l, r] = acc[point]!;
      for (let i = 0; i < n; i++) {
        l![i]! += p.wetL[i]!;
        r![i]! += p.wetR[i]!;
      }
    }
  }
}
