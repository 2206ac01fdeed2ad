import { PPQ, seconds, ticks, type Seconds, type Ticks } from '../units';

/** A step change of tempo at a tick (tempo holds until the next change). */
export interface TempoPoint {
  readonly tick: number;
  readonly bpm: number;
}

interface Segment {
  readonly tick: number;
  readonly bpm: number;
  /** Seconds at `tick`. */
  readonly at: number;
  /** Seconds per tick inside this segment. */
  readonly spt: number;
}

/**
 * Converts between musical time (ticks, PPQ 960) and clock time (seconds) over a tempo map of
 * step changes. Pure and immutable: build one from a snapshot and throw it away on change.
 * Time before the first change runs at the first change's tempo.
 *
 * @example
 * const map = new TempoMap([{ tick: 0, bpm: 120 }, { tick: 3840, bpm: 60 }]);
 * map.ticksToSeconds(ticks(3840)); // 2
 * map.ticksToSeconds(ticks(4800)); // 3
 * map.secondsToTicks(seconds(3));  // 4800
 */
export class TempoMap {
  private readonly segments: readonly Segment[];

  constructor(points: readonly TempoPoint[]) {
    if (points.length === 0) throw new RangeError('a tempo map needs at least one tempo');
    const sorted = [...points].sort((a, b) => a.tick - b.tick);
    const segments: Segment[] = [];
    for (const p of sorted) {
      if (!(p.bpm > 0) || !Number.isFinite(p.bpm)) throw new RangeError(`tempo must be positive, got ${p.bpm}`);
      const spt = 60 / (p.bpm * PPQ);
      const prev = segments.at(-1);
      if (prev && prev.tick === p.tick) {
        segments[segments.length - 1] = { ...prev, bpm: p.bpm, spt };
        continue;
      }
      const at = prev ? prev.at + (p.tick - prev.tick) * prev.spt : p.tick * spt;
      segments.push({ tick: p.tick, bpm: p.bpm, at, spt });
    }
    // The first segment also covers negative and pre-first-change time.
    const first = segments[0] as Segment;
    segments[0] = { ...first, at: first.tick * first.spt };
    this.segments = segments;
  }

  /** The tempo in force at `tick`. */
  bpmAt(tick: Ticks): number {
    return this.segmentAtTick(tick).bpm;
  }

  /** Clock time of a musical position. */
  ticksToSeconds(tick: Ticks): Seconds {
    const s = this.segmentAtTick(tick);
    return seconds(s.at + (tick - s.tick) * s.spt);
  }

  /** Musical position of a clock time; fractional, round it where a whole tick is needed. */
  secondsToTicks(time: Seconds): Ticks {
    let s = this.segments[0] as Segment;
    for (const seg of this.segments) {
      if (seg.at <= time) s = seg;
      else break;
    }
    return ticks(s.tick + (time - s.at) / s.spt);
  }

  /** Clock duration between two musical positions. */
  secondsBetween(from: Ticks, to: Ticks): Seconds {
    return seconds(this.ticksToSeconds(to) - this.ticksToSeconds(from));
  }

  private segmentAtTick(tick: number): Segment {
    let s = this.segments[0] as Segment;
    for (const seg of this.segments) {
      if (seg.tick <= tick) s = seg;
      else break;
    }
    return s;
  }
}
