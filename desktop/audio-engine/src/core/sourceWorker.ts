import { clipGainAt } from '../graph/clipPlayer';
import type { AudioClipSpan } from '../graph/timeline';
import { ChannelMember } from '../worklets/channelMember';
import type { SourceJob, SourceWorkerMessage, SourceWorkerReply } from './sourceJob';

/**
 * A source worker: renders a {@link SourceJob} (some source tracks' fused strips, summed per
 * destination) on its own thread while the offline context renders the rest. Offline contexts
 * with AudioWorklets all share one render thread per renderer process in Chromium, so a second
 * context would not run in parallel; a worker does.
 */

const BLOCK = 128;

interface PlacedClip {
  readonly span: AudioClipSpan;
  readonly level: number;
  readonly data: readonly Float32Array[];
  readonly startFrame: number;
  readonly firstFrame: number;
  readonly endFrame: number;
  readonly bufferFrame: number;
}

/** The clips as the app's clip player plays them (graph/clipPlayer.ts): trim, reverse, gain and fades, on the nearest frame. */
function placeClips(spans: readonly AudioClipSpan[], audio: SourceJob['audio'], sampleRate: number): PlacedClip[] {
  const placed: PlacedClip[] = [];
  for (const span of spans) {
    const channels = audio.get(span.clip.assetHash);
    if (!channels) continue;
    const clip = span.clip;
    const length = span.end - span.start;
    const duration = (channels[0]?.length ?? 0) / sampleRate;
    const position = clip.reversed ? duration - (clip.sourceOffset + length) : clip.sourceOffset;
    const wait = Math.max(0, -position);
    const bufferAt = Math.max(0, position);
    const playable = Math.min(length - wait, duration - bufferAt);
    if (playable <= 0) continue;
    const startFrame = Math.round(span.start * sampleRate);
    placed.push({
      span,
      level: 10 ** (clip.gainDb / 20),
      data: clip.reversed ? channels.map((c) => c.slice().reverse()) : channels,
      startFrame,
      firstFrame: startFrame + Math.round(wait * sampleRate),
      endFrame: startFrame + Math.round((wait + playable) * sampleRate),
      bufferFrame: Math.round(bufferAt * sampleRate),
    });
  }
  return placed;
}

/** Writes the clips' block from song frame `start` into `left` (and `right` when stereo). */
function renderClips(clips: readonly PlacedClip[], stereo: boolean, left: Float32Array, right: Float32Array, start: number, dt: number): void {
  left.fill(0);
  if (stereo) right.fill(0);
  const end = start + left.length;
  for (const c of clips) {
    if (c.endFrame <= start || c.firstFrame >= end) continue;
    const from = Math.max(start, c.firstFrame);
    const to = Math.min(end, c.endFrame);
    const a = c.data[0]!;
    const b = c.data[1] ?? a;
    // Between the fades the gain is the clip level: the envelope only where a fade (or an end) may be.
    const fadeInEnd = c.span.fadeIn;
    const fadeOutStart = c.span.end - c.span.start - c.span.fadeOut;
    for (let f = from; f < to; f++) {
      const t = (f - c.startFrame) * dt;
      const g = t < fadeInEnd || t >= fadeOutStart ? clipGainAt(c.span, c.level, t) : c.level;
      const k = c.bufferFrame + f - c.firstFrame;
      left[f - start]! += (a[k] ?? 0) * g;
      if (stereo) right[f - start]! += (b[k] ?? 0) * g;
    }
  }
}

interface Channel {
  readonly member: ChannelMember;
  readonly clips: readonly PlacedClip[];
  readonly stereo: boolean;
}

const scope = self as unknown as { onmessage: ((e: MessageEvent<SourceWorkerMessage>) => void) | null; postMessage(message: SourceWorkerReply, transfer?: Transferable[]): void };

let consumed = -1;
let wake: (() => void) | null = null;

async function run(job: SourceJob): Promise<void> {
  const sr = job.sampleRate;
  const channels: Channel[] = job.channels.map((c) => {
    const member = new ChannelMember(c.member, sr);
    for (const a of c.automation) for (const e of a.events) member.schedules[a.slot]?.add(e.time, e.value, e.ramp);
    if (c.notes && member.voices) member.voices.enqueue(c.notes);
    const clips = placeClips(c.clips, job.audio, sr);
    return { member, clips, stereo: clips.some((p) => p.data.length > 1) };
  });
  const acc = Array.from({ length: job.destinations }, () => [new Float32Array(BLOCK), new Float32Array(BLOCK)]);
  const srcL = new Float32Array(BLOCK);
  const srcR = new Float32Array(BLOCK);
  const none: Float32Array[] = [];
  const mono = [srcL];
  const stereo = [srcL, srcR];
  const dt = 1 / sr;
  let index = 0;
  let out: Float32Array<ArrayBuffer>[] = [];
  let fill = 0;
  const open = () => {
    const length = Math.min(job.chunk, job.frames - index * job.chunk);
    out = Array.from({ length: 2 * job.destinations }, () => new Float32Array(length));
    fill = 0;
  };
  open();
  for (let f = 0; f < job.frames; f += BLOCK) {
    for (const pair of acc) {
      pair[0]!.fill(0);
      pair[1]!.fill(0);
    }
    const frame = job.startFrame + f;
    for (const c of channels) {
      let input = none;
      if (c.clips.length > 0) {
        renderClips(c.clips, c.stereo, srcL, srcR, frame, dt);
        input = c.stereo ? stereo : mono;
      }
      c.member.process(input, acc, frame, sr);
    }
    // Copy the block into the chunk(s) it falls in.
    let taken = 0;
    const block = Math.min(BLOCK, job.frames - f);
    while (taken < block) {
      const n = Math.min(block - taken, out[0]!.length - fill);
      for (let d = 0; d < job.destinations; d++) {
        out[2 * d]!.set(acc[d]![0]!.subarray(taken, taken + n), fill);
        out[2 * d + 1]!.set(acc[d]![1]!.subarray(taken, taken + n), fill);
      }
      fill += n;
      taken += n;
      if (fill === out[0]!.length) {
        scope.postMessage({ type: 'chunk', index, data: out }, out.map((c) => c.buffer));
        index++;
        if (index * job.chunk >= job.frames) return;
        // Hold at most `ahead` chunks in flight (bounded memory when the context lags behind).
        while (index - 1 - consumed > job.ahead) await new Promise<void>((resolve) => (wake = resolve));
        open();
      }
    }
  }
}

scope.onmessage = (e) => {
  const m = e.data;
  if (m.type === 'consumed') {
    consumed = Math.max(consumed, m.index);
    wake?.();
    wake = null;
    return;
  }
  run(m.job).catch((error: unknown) => scope.postMessage({ type: 'error', message: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error) }));
};
