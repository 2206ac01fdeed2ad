import type { TrackSnapshot } from '@encore/shared/project/read/snapshot';
import type { ReverbProcessor } from 'spessasynth_core';
import { clipGainAt } from '../graph/clipPlayer';
import type { TrackTimeline } from '../graph/timeline';
import { GmSynth, type SoundBank } from '../instruments/gmSynth';

/**
 * What feeds a source track's strip in a headless render, block by block: the track's General
 * MIDI soundfont synth (one per track, as the app's soundfont worklet plays it) or its audio
 * clips. Each `render` overwrites `frames` frames of `left`/`right` (from index 0) with the
 * frames from `start` on; calls come in order.
 */
export interface SourceRenderer {
  /** 1: the source is mono (only `left` is written); 2: stereo. */
  readonly width: 1 | 2;
  render(left: Float32Array, right: Float32Array, start: number, frames: number): void;
  dispose(): void;
}

/** Decoded audio of an asset, at the render's sample rate (the caller resamples while decoding). */
export interface DecodedAudio {
  readonly sampleRate: number;
  readonly channels: readonly Float32Array[];
}

const NOTE_OFF = 0;
const NOTE_ON = 1;

/**
 * An instrument track on its own GmSynth (channel 0, unity gain: the strip applies the fader).
 * With `reverb`, the synth sends its GM reverb there instead of its own (see sharedReverb.ts).
 *
 * @example
 * const source = await GmTrackSource.create(bank, track, timeline, 48_000);
 */
export class GmTrackSource implements SourceRenderer {
  readonly width = 2;
  private e = 0;

  static async create(bank: SoundBank, track: TrackSnapshot, timeline: TrackTimeline, sampleRate: number, reverb: ReverbProcessor | null = null): Promise<GmTrackSource> {
    // As the soundfont worklet: 128-frame calls (modulators update per call), 64 voices.
    const synth = await GmSynth.create(bank, { sampleRate, blockSize: 128, voiceCap: 64, reverb });
    synth.assign(0, track.instrument);
    return new GmTrackSource(synth, timeline, sampleRate);
  }

  private readonly frames: Float64Array;
  private readonly kinds: Uint8Array;
  private readonly pitches: Uint8Array;
  private readonly velocities: Uint8Array;

  private constructor(
    private readonly synth: GmSynth,
    timeline: TrackTimeline,
    sampleRate: number,
  ) {
    const n = timeline.notes.length * 2;
    const frames: number[] = [];
    for (const note of timeline.notes) {
      const on = Math.round(note.on * sampleRate);
      frames.push(on, Math.max(on + 1, Math.round(note.off * sampleRate)));
    }
    // By frame; at one frame note-offs first, so a repeated note restarts.
    const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => frames[a]! - frames[b]! || (a & 1 ? 0 : 1) - (b & 1 ? 0 : 1));
    this.frames = new Float64Array(n);
    this.kinds = new Uint8Array(n);
    this.pitches = new Uint8Array(n);
    this.velocities = new Uint8Array(n);
    order.forEach((i, k) => {
      const note = timeline.notes[i >> 1]!;
      this.frames[k] = frames[i]!;
      this.kinds[k] = i & 1 ? NOTE_OFF : NOTE_ON;
      this.pitches[k] = note.pitch;
      this.velocities[k] = Math.min(127, Math.max(0, Math.round(note.velocity)));
    });
  }

  render(left: Float32Array, right: Float32Array, start: number, frames: number): void {
    left.fill(0, 0, frames);
    right.fill(0, 0, frames);
    const end = start + frames;
    let at = start;
    while (at < end) {
      while (this.e < this.frames.length && this.frames[this.e]! <= at) {
        const k = this.e++;
        if (this.kinds[k] === NOTE_ON) this.synth.noteOn(0, this.pitches[k]!, this.velocities[k]!);
        else this.synth.noteOff(0, this.pitches[k]!);
      }
      const until = Math.min(end, this.e < this.frames.length ? this.frames[this.e]! : end);
      this.synth.render(left, right, at - start, until - at);
      at = until;
    }
  }

  dispose(): void {
    this.synth.dispose();
  }
}

/**
 * An audio track's clips, placed as the app's clip player plays them (graph/clipPlayer.ts): the
 * clip's span of its asset from `sourceOffset` (the reversed asset for reversed clips), clip
 * gain and linear fades, starting on the nearest frame. A missing asset is silent, and reported.
 *
 * @example
 * const source = new ClipTrackSource(track, timeline, decoded, 48_000, issues);
 */
export class ClipTrackSource implements SourceRenderer {
  readonly width: 1 | 2;
  private readonly clips: readonly PlacedClip[];
  private readonly secondsPerFrame: number;

  constructor(track: TrackSnapshot, timeline: TrackTimeline, audio: ReadonlyMap<string, DecodedAudio>, sampleRate: number, issues: string[]) {
    this.secondsPerFrame = 1 / sampleRate;
    const placed: PlacedClip[] = [];
    for (const span of timeline.clips) {
      const decoded = audio.get(span.clip.assetHash);
      if (!decoded) {
        issues.push(`${track.name}: no decoded audio for asset ${span.clip.assetHash.slice(0, 12)}…; clip ${span.clip.name} is silent`);
        continue;
      }
      const clip = span.clip;
      const length = span.end - span.start;
      const duration = (decoded.channels[0]?.length ?? 0) / decoded.sampleRate;
      const position = clip.reversed ? duration - (clip.sourceOffset + length) : clip.sourceOffset;
      const wait = Math.max(0, -position);
      const bufferAt = Math.max(0, position);
      const playable = Math.min(length - wait, duration - bufferAt);
      if (playable <= 0) continue;
      const data = clip.reversed ? decoded.channels.map((c) => c.slice().reverse()) : decoded.channels;
      const startFrame = Math.round(span.start * sampleRate);
      placed.push({
        span,
        level: 10 ** (clip.gainDb / 20),
        data,
        startFrame,
        firstFrame: startFrame + Math.round(wait * sampleRate),
        endFrame: startFrame + Math.round((wait + playable) * sampleRate),
        bufferFrame: Math.round(bufferAt * sampleRate),
      });
    }
    this.clips = placed;
    this.width = placed.some((c) => c.data.length > 1) ? 2 : 1;
  }

  render(left: Float32Array, right: Float32Array, start: number, frames: number): void {
    left.fill(0, 0, frames);
    if (this.width === 2) right.fill(0, 0, frames);
    const end = start + frames;
    const dt = this.secondsPerFrame;
    for (const c of this.clips) {
      if (c.endFrame <= start || c.firstFrame >= end) continue;
      const from = Math.max(start, c.firstFrame);
      const to = Math.min(end, c.endFrame);
      const a = c.data[0]!;
      const b = c.data[1] ?? a;
      for (let f = from; f < to; f++) {
        const g = clipGainAt(c.span, c.level, (f - c.startFrame) * dt);
        const k = c.bufferFrame + f - c.firstFrame;
        left[f - start]! += (a[k] ?? 0) * g;
        if (this.width === 2) right[f - start]! += (b[k] ?? 0) * g;
      }
    }
  }

  dispose(): void {}
}

interface PlacedClip {
  readonly span: TrackTimeline['clips'][number];
  readonly level: number;
  readonly data: readonly Float32Array[];
  readonly startFrame: number;
  /** First and end (exclusive) frames that sound, and the asset frame at `firstFrame`. */
  readonly firstFrame: number;
  readonly endFrame: number;
  readonly bufferFrame: number;
}
