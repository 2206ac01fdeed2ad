import { EngineError } from '../core/errors';
import { GmReverbTap } from '../instruments/gmReverb';
import { ChannelMember } from '../worklets/channelMember';
import type { ChannelPlan, MixPlan } from './mixPlan';
import { canShareReverb, SharedGmReverb, stripEdges, type StripEdge } from './sharedReverb';
import type { SourceRenderer } from './sources';

/** The GS reverb parameters every soundfont synth starts with (a tap's defaults). */
export const DEFAULT_GS_REVERB = new GmReverbTap(1);

/** Frames per mixer step: the render quantum of Web Audio, so k-rate device params move as in the app. */
export const MIX_BLOCK = 128;

export interface MixerScope {
  /** Source tracks this mixer plays ('all', or the ids of a worker's share). */
  readonly sources: 'all' | ReadonlySet<string>;
  /** Whether it also runs the buses and the master (false: it stops at the summing points). */
  readonly mix: boolean;
  /**
   * Split renders: a part gathers its shared-reverb sends (`reverb.sends`) without reverberating
   * them ('gather'); the mix reverberates what the parts gathered, at these points ('points').
   */
  readonly reverb?: { readonly mode: 'gather' } | { readonly mode: 'points'; readonly points: readonly number[] };
  /** Fixed, linear source strips applied as their gains (default true; false: every strip through the fused channel code). */
  readonly foldStrips?: boolean;
}

/**
 * The headless mixer: every channel of a {@link MixPlan} as the fused channel block code the
 * app's channel worklet runs (worklets/channelMember.ts), stepped one render quantum at a time.
 * Sources feed their strips, strips add into the summing points (the master's input and each
 * bus's), buses run in dependency order, the master writes the mix out. A render split across
 * threads runs the sources in parts (`mix: false`, each part's sums collected by `sums`) and
 * the rest once on their total (`preload`).
 *
 * @example
 * const mixer = new HeadlessMixer(plan, sources, { sources: 'all', mix: true });
 * for (let f = 0; f < frames; f += MIX_BLOCK) { mixer.step(f, null); out.set(mixer.out[0], f); }
 */
export class HeadlessMixer {
  /** Per summing point (then the mix out at index `destinations.length`), the current block's stereo pair. */
  readonly acc: Float32Array[][];
  /**
   * `edges`: a fixed, linear strip (canShareReverb) is applied as its gains onto each summing
   * point instead of through the fused channel code, which for such a strip only scales (input
   * gain, fader, pan, send levels): the same sum but for float rounding, at a fraction of the cost.
   */
  private readonly sourceChannels: { readonly plan: ChannelPlan; readonly member: ChannelMember; readonly source: SourceRenderer | null; readonly edges: readonly StripEdge[] | null }[];
  private readonly mixChannels: { readonly plan: ChannelPlan; readonly member: ChannelMember }[];
  private readonly srcL = new Float32Array(MIX_BLOCK);
  private readonly srcR = new Float32Array(MIX_BLOCK);
  readonly reverb: SharedGmReverb;
  private readonly reverbMode: 'local' | 'gather' | 'points';
  /** Each channel's post-fader block of its last step, by id (what keys sidechains). */
  private readonly mains = new Map<string, ChannelMember>();

  /** `taps`: the sources whose synths send their GM reverb to the shared reverb (see sharedReverb.ts). */
  constructor(
    readonly plan: MixPlan,
    sources: ReadonlyMap<string, SourceRenderer>,
    scope: MixerScope,
    taps: ReadonlyMap<string, GmReverbTap> = new Map(),
  ) {
    this.acc = Array.from({ length: plan.destinations.length + 1 }, () => [new Float32Array(MIX_BLOCK), new Float32Array(MIX_BLOCK)]);
    const member = (c: ChannelPlan) => {
      const m = new ChannelMember(c.member, plan.sampleRate);
      for (const a of c.automation) for (const e of a.events) m.schedules[a.slot]?.add(e.time, e.value, e.ramp);
      return m;
    };
    const inScope = (c: ChannelPlan) => scope.sources === 'all' || scope.sources.has(c.id);
    this.sourceChannels = plan.channels.filter((c) => c.role === 'source' && inScope(c)).map((c) => ({ plan: c, member: member(c), source: sources.get(c.id) ?? null, edges: scope.foldStrips !== false && canShareReverb(c) ? stripEdges(c).filter((e) => e.left !== 0 || e.right !== 0) : null }));
    this.reverb = new SharedGmReverb(plan.sampleRate, MIX_BLOCK);
    for (const c of this.sourceChannels) {
      const tap = taps.get(c.plan.id);
      if (tap) this.reverb.add(c.plan, tap);
    }
    this.reverbMode = scope.reverb?.mode ?? 'local';
    if (scope.reverb?.mode === 'points') for (const p of scope.reverb.points) this.reverb.addPoint(p, DEFAULT_GS_REVERB);
    this.mixChannels = scope.mix ? plan.channels.filter((c) => c.role !== 'source').map((c) => ({ plan: c, member: member(c) })) : [];
    for (const c of [...this.sourceChannels, ...this.mixChannels]) this.mains.set(c.plan.id, c.member);
    for (const c of [...this.sourceChannels, ...this.mixChannels]) {
      const missing = c.plan.keys.filter((k) => !this.mains.has(k));
      // A split render must keep a keyed track with its keys (renderOffline's planSplit refuses sidechains for the same reason).
      if (missing.length > 0) throw new EngineError('BAD_OPTIONS', `${c.plan.name}: its sidechain key (${missing.join(', ')}) is rendered in another part`);
    }
  }

  /** The sidechain blocks of `c`'s keys (their last post-fader blocks). */
  private keysOf(c: ChannelPlan): readonly (readonly Float32Array[])[] {
    return c.keys.map((k) => this.mains.get(k)!.main);
  }

  /** The mix out of the last step (when the mixer runs the master). */
  get out(): Float32Array[] {
    return this.acc[this.plan.destinations.length]!;
  }

  /**
   * Renders the block of MIX_BLOCK frames from `start`. `preload(d, left, right)` may add what
   * other parts summed into point `d` before the buses run; with reverb points, `preloadSends`
   * adds what they gathered into the reverb inputs of point `d`.
   */
  step(
    start: number,
    preload: ((point: number, left: Float32Array, right: Float32Array) => void) | null,
    preloadSends: ((point: number, left: Float32Array, right: Float32Array) => void) | null = null,
  ): void {
    const { acc, srcL, srcR } = this;
    const sr = this.plan.sampleRate;
    for (const pair of acc) {
      pair[0]!.fill(0);
      pair[1]!.fill(0);
    }
    if (preload) for (let d = 0; d < acc.length - 1; d++) preload(d, acc[d]![0]!, acc[d]![1]!);
    for (const c of this.sourceChannels) {
      // A muted (or soloed-out) strip adds nothing: its source need not play either.
      if (!c.plan.audible || !c.source) continue;
      c.source.render(srcL, srcR, start, MIX_BLOCK);
      if (c.edges) addScaled(c.edges, srcL, c.source.width === 2 ? srcR : srcL, acc);
      else c.member.process(c.source.width === 2 ? [srcL, srcR] : [srcL], acc, start, sr, this.keysOf(c.plan));
    }
    if (this.reverbMode === 'gather') this.reverb.gather();
    else if (this.reverbMode === 'points') {
      this.reverb.gather();
      for (let d = 0; d < acc.length - 1; d++) {
        const sends = this.reverb.sends(d);
        if (sends && preloadSends) preloadSends(d, sends[0], sends[1]);
      }
      this.reverb.reverberate(acc);
    } else if (this.reverb.size > 0) this.reverb.process(acc);
    for (const c of this.mixChannels) c.member.process(acc[c.plan.role === 'master' ? 0 : c.plan.input!]!, acc, start, sr, this.keysOf(c.plan));
  }

  dispose(): void {
    for (const c of this.sourceChannels) c.source?.dispose();
  }
}

/** A fixed strip's block: the source's left and right, scaled by each edge's gains, added into its summing point. */
function addScaled(edges: readonly StripEdge[], l: Float32Array, r: Float32Array, acc: readonly Float32Array[][]): void {
  for (const e of edges) {
    const [outL, outR] = acc[e.point]! as [Float32Array, Float32Array];
    const a = e.left;
    const b = e.right;
    for (let i = 0; i < MIX_BLOCK; i++) {
      outL[i]! += l[i]! * a;
      outR[i]! += r[i]! * b;
    }
  }
}
