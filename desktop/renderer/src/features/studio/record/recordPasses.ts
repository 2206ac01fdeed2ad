/**
 * From a capture and the transport's history to recording passes: which frames were played
 * against which song time. Pure, so the arithmetic of latency compensation and punch-in is
 * tested without audio.
 */

/** The transport as it was while recording: from context time `at`, song second `song` plays. */
export interface TransportSegment {
  /** Context seconds at which `song` sounded (the transport's `startedAt`). */
  readonly at: number;
  readonly song: number;
}

export interface Capture {
  /** Context seconds of the first frame. */
  readonly startTime: number;
  readonly sampleRate: number;
  readonly frames: number;
}

/** One pass: frames [from, to) of the capture, played against song time `songStart` on. */
export interface RecordingPass {
  readonly from: number;
  readonly to: number;
  readonly songStart: number;
}

export interface PassOptions {
  /** Seconds the input lags the transport (the measured round trip): frames move earlier by it. */
  readonly latency: number;
  /** Punch range in song seconds: only what falls inside is kept. */
  readonly punch: { readonly start: number; readonly end: number } | null;
  /** Passes shorter than this (seconds) are dropped: a loop restart's sliver is not a take. */
  readonly minSeconds: number;
}

/**
 * Splits a capture into passes, one per transport segment (a loop restart starts a new one),
 * compensating latency: the frame stamped at context time t was played at t − latency.
 *
 * @example
 * recordingPasses({ startTime: 10, sampleRate: 48000, frames: 96000 }, [{ at: 10, song: 0 }], { latency: 0.01, punch: null, minSeconds: 0.05 });
 * // [{ from: 480, to: 96000, songStart: 0 }]
 */
export function recordingPasses(capture: Capture, segments: readonly TransportSegment[], o: PassOptions): RecordingPass[] {
  const sorted = [...segments].sort((a, b) => a.at - b.at);
  const passes: RecordingPass[] = [];
  const rate = capture.sampleRate;
  const frameAt = (time: number) => Math.round((time - capture.startTime) * rate);
  sorted.forEach((seg, i) => {
    const next = sorted[i + 1];
    // Played between seg.at and next.at → captured latency seconds later.
    let from = Math.max(0, frameAt(seg.at + o.latency));
    let to = Math.min(capture.frames, next ? frameAt(next.at + o.latency) : capture.frames);
    const songOf = (frame: number) => seg.song + (capture.startTime + frame / rate - o.latency - seg.at);
    if (o.punch) {
      from = Math.max(from, Math.ceil(frameAt(seg.at + o.latency + (o.punch.start - seg.song)) - 1e-9));
      to = Math.min(to, frameAt(seg.at + o.latency + (o.punch.end - seg.song)));
    }
    if ((to - from) / rate < o.minSeconds) return;
    passes.push({ from, to, songStart: songOf(from) });
  });
  return passes;
}

/** A segment as logged: `optimistic` when it was written for a moment already past (see logSegment). */
export interface LoggedSegment extends TransportSegment {
  readonly optimistic: boolean;
}

/**
 * Adds a transport write to the log kept while recording. The editor writes an optimistic
 * anchor the moment play is pressed (its `at` is already past) and the engine replaces it with
 * the time the song really starts (always ahead): an optimistic entry gives way to the next one.
 * A write that continues the previous mapping (a graph rebuilt mid-play) is not a new pass.
 */
export function logSegment(log: readonly LoggedSegment[], next: TransportSegment, now: number): LoggedSegment[] {
  const out = [...log];
  const last = out[out.length - 1];
  if (last?.optimistic) out.pop();
  const prev = out[out.length - 1];
  if (prev && Math.abs(prev.song + (next.at - prev.at) - next.song) < 0.002) return out;
  out.push({ at: next.at, song: next.song, optimistic: next.at <= now + 1e-6 });
  return out;
}
