import { PPQ } from '../../units';
import { EncoreError } from '../../errors';
import type { ImportPlan, PlannedNote, PlannedTrack } from './plan';
import type { Timebase } from './readTransport';
import { bool, child, childrenNamed, num, type XmlElement } from './xml';

/** Notes one clip may hold (the project API's limit). */
export const MAX_CLIP_NOTES = 100_000;

/** An audio file of the archive, hashed before planning. */
export interface ArchiveAudio {
  readonly hash: string;
  readonly byteLength: number;
}

export interface ClipContext {
  readonly plan: ImportPlan;
  readonly timebase: Timebase;
  readonly audio: ReadonlyMap<string, ArchiveAudio>;
  /** Refuse the file (rather than skip the clip) when an audio file is missing. */
  readonly strict: boolean;
}

interface Span {
  readonly start: number;
  readonly length: number;
  readonly unit: string | undefined;
}

const MIME: Readonly<Record<string, string>> = { wav: 'audio/wav', wave: 'audio/wav', flac: 'audio/flac', mp3: 'audio/mpeg', ogg: 'audio/ogg', opus: 'audio/opus', aif: 'audio/aiff', aiff: 'audio/aiff', m4a: 'audio/mp4' };

interface RawNote {
  readonly time: number;
  readonly duration: number;
  readonly pitch: number;
  readonly velocity: number;
}

function rawNotes(ctx: ClipContext, track: PlannedTrack, notes: XmlElement): RawNote[] {
  const out: RawNote[] = [];
  let dropped = 0;
  for (const n of childrenNamed(notes, 'Note')) {
    const time = num(n, 'time');
    const duration = num(n, 'duration');
    const pitch = num(n, 'key');
    if (time === undefined || duration === undefined || pitch === undefined || !Number.isInteger(pitch) || pitch < 0 || pitch > 127 || time < 0) {
      dropped++;
      continue;
    }
    const vel = num(n, 'vel');
    out.push({ time, duration: Math.max(0, duration), pitch, velocity: Math.min(127, Math.max(1, Math.round((vel ?? 100 / 127) * 127))) });
  }
  if (dropped > 0) ctx.plan.warnings.push(`Track "${track.name}": ${dropped} note(s) with a missing or out-of-range time or key were skipped`);
  return out.sort((a, b) => a.time - b.time || a.pitch - b.pitch);
}

/**
 * A MIDI clip. Without a loop the content keeps its own times and `playStart` becomes the clip
 * offset; a looping clip is unrolled into plain notes (Encore clips do not loop), notes cut at
 * each loop end.
 */
function midiClip(ctx: ClipContext, track: PlannedTrack, clip: XmlElement, notes: XmlElement, span: Span, name: string): void {
  const unit = clip.attrs.contentTimeUnit ?? notes.attrs.timeUnit ?? span.unit;
  const startSec = ctx.timebase.seconds(span.start);
  // Content time → ticks from the content origin (beats directly; seconds along the tempo map).
  const toTicks = (t: number): number => (unit === 'seconds' ? ctx.timebase.tick(startSec + t, 'seconds') - span.start : Math.round(t * PPQ));
  const raw = rawNotes(ctx, track, notes);
  const playStart = num(clip, 'playStart') ?? 0;
  const loopStart = num(clip, 'loopStart');
  const loopEnd = num(clip, 'loopEnd');
  const out: PlannedNote[] = [];
  let offset = 0;
  if (loopStart !== undefined && loopEnd !== undefined && loopEnd > loopStart) {
    const ls = toTicks(loopStart);
    const le = toTicks(loopEnd);
    const ticksOf = raw.map((n) => ({ ...n, tick: toTicks(n.time), end: toTicks(n.time + n.duration) }));
    let from = toTicks(playStart) < le ? toTicks(playStart) : ls;
    let at = 0;
    while (at < span.length && out.length <= MAX_CLIP_NOTES && le - from > 0) {
      for (const n of ticksOf) {
        if (n.tick < from || n.tick >= le) continue;
        const tick = at + n.tick - from;
        if (tick >= span.length) break;
        out.push({ pitch: n.pitch, tick, duration: Math.max(1, Math.min(n.end, le) - n.tick), velocity: n.velocity });
      }
      at += le - from;
      from = ls;
    }
  } else {
    offset = Math.max(0, toTicks(playStart));
    for (const n of raw) {
      const tick = toTicks(n.time);
      out.push({ pitch: n.pitch, tick, duration: Math.max(1, toTicks(n.time + n.duration) - tick), velocity: n.velocity });
    }
  }
  if (out.length > MAX_CLIP_NOTES) {
    ctx.plan.warnings.push(`Track "${track.name}": clip "${name}" holds more than ${MAX_CLIP_NOTES} notes; the rest were dropped`);
    out.length = MAX_CLIP_NOTES;
  }
  track.clips.push({ kind: 'midi', name, start: span.start, length: span.length, offset, notes: out });
}

function missingAudio(ctx: ClipContext, track: PlannedTrack, path: string, why: string): void {
  const message = `Track "${track.name}": the audio file "${path}" ${why}`;
  if (ctx.strict) throw new EncoreError('NOT_FOUND', `${message}. Nothing was imported.`, { reason: 'missing-audio', path });
  ctx.plan.warnings.push(`${message}; its clip was skipped`);
}

/** Where playback starts in the audio file, in seconds, read through the warp markers if any. */
function sourceOffset(ctx: ClipContext, track: PlannedTrack, clip: XmlElement, warps: XmlElement | undefined, span: Span): number {
  const playStart = num(clip, 'playStart') ?? 0;
  const contentUnit = clip.attrs.contentTimeUnit ?? warps?.attrs.timeUnit ?? span.unit;
  const bpm = ctx.timebase.tempoMap.bpmAt(span.start as never);
  const toSec = (t: number, unit: string | undefined): number => (unit === 'seconds' ? t : (t * 60) / bpm);
  const points = childrenNamed(warps, 'Warp')
    .map((w) => ({ time: num(w, 'time'), content: num(w, 'contentTime') }))
    .filter((w): w is { time: number; content: number } => w.time !== undefined && w.content !== undefined)
    .sort((a, b) => a.time - b.time);
  if (!warps || points.length === 0) return Math.max(0, toSec(playStart, contentUnit));
  const wUnit = warps.attrs.timeUnit ?? contentUnit;
  const cUnit = warps.attrs.contentTimeUnit;
  const first = points[0] as { time: number; content: number };
  const last = points[points.length - 1] as { time: number; content: number };
  if (points.length > 1) {
    const rate = (toSec(last.content, cUnit) - toSec(first.content, cUnit)) / (toSec(last.time, wUnit) - toSec(first.time, wUnit));
    if (Number.isFinite(rate) && Math.abs(rate - 1) > 0.01) ctx.plan.warnings.push(`Track "${track.name}": a time-stretched audio clip plays at its original speed (stretch ×${rate.toFixed(3)})`);
  }
  if (points.length === 1) return Math.max(0, toSec(first.content, cUnit) + toSec(playStart, wUnit) - toSec(first.time, wUnit));
  // Piecewise linear between warp markers, extended past the first and last segments.
  let i = 0;
  while (i < points.length - 2 && (points[i + 1] as { time: number }).time <= playStart) i++;
  const a = points[i] as { time: number; content: number };
  const b = points[i + 1] as { time: number; content: number };
  const frac = b.time === a.time ? 0 : (playStart - a.time) / (b.time - a.time);
  return Math.max(0, toSec(a.content + frac * (b.content - a.content), cUnit));
}

function audioClip(ctx: ClipContext, track: PlannedTrack, clip: XmlElement, audio: XmlElement, warps: XmlElement | undefined, span: Span, name: string): void {
  const file = child(audio, 'File');
  const path = (file?.attrs.path ?? '').replace(/^\.?\//, '');
  if (!path) return missingAudio(ctx, track, '(unnamed)', 'is not named');
  if (bool(file, 'external')) return missingAudio(ctx, track, path, 'is outside the DAWproject archive, which Encore cannot read');
  const found = ctx.audio.get(path);
  if (!found) return missingAudio(ctx, track, path, 'is missing from the archive');
  const ext = path.split('.').pop()?.toLowerCase() ?? '';
  const mimeType = MIME[ext];
  const durationSeconds = num(audio, 'duration') ?? 0;
  const sampleRate = num(audio, 'sampleRate') ?? 0;
  const channels = num(audio, 'channels') ?? 0;
  if (!mimeType || !(durationSeconds > 0 && durationSeconds <= 86400) || !(sampleRate >= 8000 && sampleRate <= 384000) || !(channels >= 1 && channels <= 32)) {
    ctx.plan.warnings.push(`Track "${track.name}": the audio file "${path}" has an unsupported format or description; its clip was skipped`);
    return;
  }
  const base = (audio.attrs.name ?? '').trim() || path.split('/').pop() || path;
  ctx.plan.assets.set(found.hash, { hash: found.hash, name: base.slice(0, 255), mimeType, byteLength: found.byteLength, durationSeconds, sampleRate, channels: Math.round(channels) });
  const fadeUnit = clip.attrs.fadeTimeUnit ?? span.unit;
  const startSec = ctx.timebase.seconds(span.start);
  const fade = (t: number | undefined): number => (t === undefined || t <= 0 ? 0 : fadeUnit === 'seconds' ? ctx.timebase.tick(startSec + t, 'seconds') - span.start : Math.round(t * PPQ));
  const fadeIn = Math.min(span.length, fade(num(clip, 'fadeInTime')));
  const fadeOut = Math.min(span.length - fadeIn, fade(num(clip, 'fadeOutTime')));
  if (num(clip, 'loopEnd') !== undefined) ctx.plan.warnings.push(`Track "${track.name}": looping audio clip "${name}" plays its audio once`);
  track.clips.push({ kind: 'audio', name, start: span.start, length: span.length, assetHash: found.hash, sourceOffset: sourceOffset(ctx, track, clip, warps, span), fadeIn, fadeOut });
}

/** Reads one arrangement <Clip> of a track. */
export function readClip(ctx: ClipContext, track: PlannedTrack, clip: XmlElement, unit: string | undefined): void {
  const name = (clip.attrs.name ?? '').trim().slice(0, 100).trim() || track.name;
  if (bool(clip, 'enable') === false) {
    ctx.plan.warnings.push(`Track "${track.name}": disabled clip "${name}" was left out`);
    return;
  }
  const time = num(clip, 'time') ?? 0;
  const start = ctx.timebase.tick(time, unit);
  const duration = num(clip, 'duration');
  const length = duration === undefined ? 0 : ctx.timebase.tick(time + duration, unit) - start;
  if (length < 1) {
    ctx.plan.warnings.push(`Track "${track.name}": clip "${name}" has no length and was skipped`);
    return;
  }
  const span: Span = { start, length, unit };
  const content = clip.children.find((c) => c.name !== 'Parameters');
  const inLanes = content?.name === 'Lanes' ? content.children.find((c) => c.name === 'Notes' || c.name === 'Audio' || c.name === 'Warps') : content;
  if (clip.attrs.reference) ctx.plan.warnings.push(`Track "${track.name}": clip "${name}" refers to shared content, which Encore does not support; it was skipped`);
  else if (inLanes?.name === 'Notes') midiClip(ctx, track, clip, inLanes, span, name);
  else if (inLanes?.name === 'Audio') audioClip(ctx, track, clip, inLanes, undefined, span, name);
  else if (inLanes?.name === 'Warps' && child(inLanes, 'Audio')) audioClip(ctx, track, clip, child(inLanes, 'Audio') as XmlElement, inLanes, span, name);
  else ctx.plan.warnings.push(`Track "${track.name}": clip "${name}" holds ${content ? `<${content.name}>` : 'nothing'}, which Encore cannot import; it was skipped`);
}
