import { type TempoMap } from '@encore/shared/project/tempoMap';
import { seconds } from '@encore/shared/units';

/**
 * Where the playhead is while the transport runs: the position the editors draw. It derives
 * the tick from elapsed clock time through the tempo map and wraps inside an enabled loop, so
 * the audio engine can later drive it from its own clock instead of `now`.
 */
export interface TransportPosition {
  readonly playing: boolean;
  /** The tick the transport started from (or rests at when stopped). */
  readonly anchorTick: number;
  /** Clock time (ms) when it started. */
  readonly startedAt: number;
}

/**
 * The playhead at clock time `now`.
 *
 * @example
 * playheadAt({ playing: true, anchorTick: 0, startedAt: 0 }, 500, new TempoMap([{ tick: 0, bpm: 120 }]), null); // 960
 */
export function playheadAt(t: TransportPosition, now: number, tempo: TempoMap, loop: { readonly start: number; readonly end: number; readonly enabled: boolean } | null): number {
  if (!t.playing) return t.anchorTick;
  const from = tempo.ticksToSeconds(t.anchorTick as never);
  const tick: number = tempo.secondsToTicks(seconds(from + Math.max(0, now - t.startedAt) / 1000));
  if (loop && loop.enabled && t.anchorTick < loop.end && tick >= loop.end) {
    const length = loop.end - loop.start;
    return loop.start + ((tick - loop.end) % length);
  }
  return tick;
}
