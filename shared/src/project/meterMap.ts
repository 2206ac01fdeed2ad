import { PPQ, ticks, type Ticks } from '../units';

/** A time-signature change at a tick; bars restart counting their length from here. */
export interface MeterPoint {
  readonly tick: number;
  readonly numerator: number;
  readonly denominator: number;
}

/** A musical position: zero-based bar, beat (in the meter's beat unit) and remaining ticks. */
export interface BarPosition {
  readonly bar: number;
  readonly beat: number;
  readonly tick: number;
}

interface Section extends MeterPoint {
  readonly firstBar: number;
  readonly barTicks: number;
  readonly beatTicks: number;
}

/** Ticks in one bar of `numerator/denominator`. */
export function ticksPerBar(numerator: number, denominator: number): number {
  return (numerator * PPQ * 4) / denominator;
}

/**
 * Bars and beats over a meter map. A change that falls inside a bar starts a new bar there
 * (what SMF files say, even when a score would not), so any tick has one bar position.
 *
 * @example
 * const meters = new MeterMap([{ tick: 0, numerator: 4, denominator: 4 }]);
 * meters.barToTick(2);                  // 7680
 * meters.tickToBar(ticks(8640));        // { bar: 2, beat: 1, tick: 0 }
 */
export class MeterMap {
  private readonly sections: readonly Section[];

  constructor(points: readonly MeterPoint[]) {
    if (points.length === 0) throw new RangeError('a meter map needs at least one meter');
    const sorted = [...points].sort((a, b) => a.tick - b.tick);
    const sections: Section[] = [];
    for (const p of sorted) {
      const barTicks = ticksPerBar(p.numerator, p.denominator);
      const prev = sections.at(-1);
      const firstBar = prev ? prev.firstBar + Math.ceil((p.tick - prev.tick) / prev.barTicks) : 0;
      const section = { ...p, firstBar, barTicks, beatTicks: barTicks / p.numerator };
      if (prev && prev.tick === p.tick) sections[sections.length - 1] = { ...section, firstBar: prev.firstBar };
      else sections.push(section);
    }
    this.sections = sections;
  }

  /** The meter in force at `tick`. */
  meterAt(tick: Ticks): MeterPoint {
    const s = this.sectionAtTick(tick);
    return { tick: s.tick, numerator: s.numerator, denominator: s.denominator };
  }

  /** First tick of a zero-based bar. */
  barToTick(bar: number): Ticks {
    let s = this.sections[0] as Section;
    for (const sec of this.sections) {
      if (sec.firstBar <= bar) s = sec;
      else break;
    }
    return ticks(s.tick + (bar - s.firstBar) * s.barTicks);
  }

  /** Bar, beat and ticks of a position. */
  tickToBar(tick: Ticks): BarPosition {
    const s = this.sectionAtTick(tick);
    const inSection = tick - s.tick;
    const bar = Math.floor(inSection / s.barTicks);
    const inBar = inSection - bar * s.barTicks;
    const beat = Math.floor(inBar / s.beatTicks);
    return { bar: s.firstBar + bar, beat, tick: inBar - beat * s.beatTicks };
  }

  /** The first bar line at or after `tick`. */
  nextBarLine(tick: Ticks): Ticks {
    const pos = this.tickToBar(tick);
    return pos.beat === 0 && pos.tick === 0 ? tick : this.barToTick(pos.bar + 1);
  }

  private sectionAtTick(tick: number): Section {
    let s = this.sections[0] as Section;
    for (const sec of this.sections) {
      if (sec.tick <= tick) s = sec;
      else break;
    }
    return s;
  }
}
