import { VoiceEvent } from '../worklets/protocol';
import type { NoteEvent } from '../nodes/VoiceBankNode';
import { eventsValueAt } from '../graph/automation';
import { playClip, type PlayingClip } from '../graph/clipPlayer';
import type { RenderGraph, TrackGraph } from '../graph/renderGraph';
import { lowerBound } from '../graph/timeline';

/** A loop region in song seconds. */
export interface SchedulerLoop {
  readonly start: number;
  readonly end: number;
}

/** A jump back to the loop start: from context time `at` on, context time = song time + `offset`. */
export interface LoopWrap {
  readonly at: number;
  readonly offset: number;
  readonly loop: SchedulerLoop;
}

/** Shortest loop the scheduler plays (a shorter one would wrap many times per window). */
export const MIN_LOOP = 0.01;

interface Cursor {
  on: number;
  off: number;
  clip: number;
  readonly automation: number[];
}

/**
 * Feeds a {@link RenderGraph} window by window: each call to {@link Scheduler.advance} emits only
 * the note-ons, note-offs, clip starts and automation events between the last window's end and
 * the new one. The cost of a song is then proportional to its events, not to its length
 * squared, and the same code serves playback (a look-ahead timer calls advance) and bounces
 * (OfflineAudioContext.suspend at each window). With a loop ({@link Scheduler.setLoop}), the
 * events of the loop start follow the loop end sample-accurately: the graph's time offset moves
 * on by the loop's length at each wrap, so windows keep flowing in context time.
 *
 * @example
 * const scheduler = new Scheduler(graph);
 * scheduler.start(0);
 * scheduler.advance(0.2);
 */
export class Scheduler {
  private cursors: Cursor[] = [];
  private until = 0;
  private readonly playing = new Set<PlayingClip>();
  private loop: SchedulerLoop | null = null;
  /** The wraps made so far that may still be ahead of the playhead (see {@link pruneWraps}). */
  private wrapList: LoopWrap[] = [];

  constructor(private readonly graph: RenderGraph) {}

  /**
   * Loops from `loop.end` back to `loop.start` (song seconds) from the next window on, when the
   * scheduled range has not passed the loop end yet; null plays on.
   */
  setLoop(loop: SchedulerLoop | null): void {
    this.loop = loop && loop.end - loop.start >= MIN_LOOP ? loop : null;
  }

  /** The wraps made so far (context time of each jump and the offset after it), oldest first. */
  get wraps(): readonly LoopWrap[] {
    return this.wrapList;
  }

  /** Forgets wraps before the latest one at or before context time `now` (the playhead has passed them). */
  pruneWraps(now: number): void {
    let k = 0;
    while (k + 1 < this.wrapList.length && this.wrapList[k + 1]!.at <= now) k++;
    if (k > 0) this.wrapList = this.wrapList.slice(k);
  }

  /** Song time up to which events have been emitted. */
  get scheduledUntil(): number {
    return this.until;
  }

  /**
   * Starts at song time `from`: notes already sounding there are started at once (chased),
   * clips begin part-way, and every automated param takes its value at `from`.
   */
  start(from: number): void {
    this.startAt(from, []);
  }

  /** As start; `before[k]` are note events sent to track k ahead of its chased notes. */
  private startAt(from: number, before: readonly (readonly NoteEvent[])[]): void {
    const offset = this.graph.options.timeOffset;
    const now = from + offset;
    this.until = from;
    this.cursors = this.graph.tracks.map((t, k) => this.startTrack(t, from, now, before[k] ?? []));
    this.startAutomation(this.graph.master, from, now);
    for (const t of this.graph.tracks) this.startAutomation(t, from, now);
  }

  private startTrack(t: TrackGraph, from: number, now: number, before: readonly NoteEvent[]): Cursor {
    const { notes, offOrder, clips } = t.timeline;
    const cursor: Cursor = {
      on: lowerBound(notes, from, (n) => n.on),
      off: lowerBound(offOrder, from, (i) => notes[i]!.off),
      clip: lowerBound(clips, from, (c) => c.start),
      automation: [],
    };
    if (!t.audible) return cursor;
    const chased: NoteEvent[] = [...before];
    for (let i = 0; i < cursor.on; i++) {
      const n = notes[i]!;
      if (n.off > from) chased.push({ time: now, kind: VoiceEvent.NoteOn, id: n.id, pitch: n.pitch, velocity: n.velocity });
    }
    t.instrument?.send(chased);
    for (let i = 0; i < cursor.clip; i++) if (clips[i]!.end > from) this.play(t, i, from);
    return cursor;
  }

  private startAutomation(t: TrackGraph, from: number, now: number): void {
    const cursor = t === this.graph.master ? (this.masterCursor = []) : this.cursors[this.graph.tracks.indexOf(t)]!.automation;
    for (const binding of t.automation) {
      binding.param.cancelScheduledValues(now);
      binding.param.setValueAtTime(eventsValueAt(binding.events, from), now);
      cursor.push(lowerBound(binding.events, from + 1e-9, (e) => e.time));
    }
  }

  private masterCursor: number[] = [];

  /**
   * Emits every event in [scheduledUntil, to) (song time, under the graph's current time offset:
   * with a loop, `to` past the loop end goes on from the loop start).
   */
  advance(to: number): void {
    for (;;) {
      const loop = this.loop;
      if (!loop || this.until >= loop.end || to <= loop.end) return this.emit(to);
      this.emit(loop.end);
      this.wrap(loop);
      to -= loop.end - loop.start;
    }
  }

  /**
   * Jumps from the loop end back to its start at the same context time: notes sounding across
   * the end stop there, clips stop, and the start is chased as by {@link start} (notes sounding
   * there, clips part-way, automation values). A ramp of automation crossing the loop end is cut
   * (the param holds from its last point before the end).
   */
  private wrap(loop: SchedulerLoop): void {
    const offset = this.graph.options.timeOffset;
    const at = loop.end + offset;
    const offs = this.graph.tracks.map((t, k) => {
      if (!t.audible) return [];
      const { notes, offOrder } = t.timeline;
      const events: NoteEvent[] = [];
      for (let i = this.cursors[k]!.off; i < offOrder.length; i++) {
        const n = notes[offOrder[i]!]!;
        if (n.on < loop.end) events.push({ time: at, kind: VoiceEvent.NoteOff, id: n.id, pitch: n.pitch, velocity: 0 });
      }
      return events;
    });
    for (const p of this.playing) p.source.stop(at);
    this.playing.clear();
    const next = offset + (loop.end - loop.start);
    this.graph.options.timeOffset = next;
    this.wrapList.push({ at, offset: next, loop });
    this.startAt(loop.start, offs);
  }

  private emit(to: number): void {
    if (to <= this.until) return;
    const from = this.until;
    const offset = this.graph.options.timeOffset;
    this.graph.tracks.forEach((t, k) => {
      const c = this.cursors[k]!;
      this.advanceAutomation(t, c.automation, to, offset);
      if (!t.audible) return;
      const { notes, offOrder, clips } = t.timeline;
      const events: NoteEvent[] = [];
      for (; c.on < notes.length && notes[c.on]!.on < to; c.on++) {
        const n = notes[c.on]!;
        events.push({ time: n.on + offset, kind: VoiceEvent.NoteOn, id: n.id, pitch: n.pitch, velocity: n.velocity });
      }
      for (; c.off < offOrder.length && notes[offOrder[c.off]!]!.off < to; c.off++) {
        const n = notes[offOrder[c.off]!]!;
        events.push({ time: n.off + offset, kind: VoiceEvent.NoteOff, id: n.id, pitch: n.pitch, velocity: 0 });
      }
      t.instrument?.send(events);
      for (; c.clip < clips.length && clips[c.clip]!.start < to; c.clip++) this.play(t, c.clip, Math.max(from, clips[c.clip]!.start));
    });
    this.advanceAutomation(this.graph.master, this.masterCursor, to, offset);
    this.until = to;
  }

  private advanceAutomation(t: TrackGraph, cursor: number[], to: number, offset: number): void {
    t.automation.forEach((binding, i) => {
      const events = binding.events;
      let at = cursor[i]!;
      // A ramp must be in place before the render reaches its start (the previous event).
      while (at < events.length && (events[at]!.ramp ? (events[at - 1]?.time ?? 0) : events[at]!.time) < to) {
        const e = events[at]!;
        if (e.ramp) binding.param.linearRampToValueAtTime(e.value, e.time + offset);
        else binding.param.setValueAtTime(e.value, e.time + offset);
        at++;
      }
      cursor[i] = at;
    });
  }

  private play(t: TrackGraph, index: number, from: number): void {
    const span = t.timeline.clips[index]!;
    const buffer = this.graph.options.buffers.get(span.clip.assetHash);
    if (!buffer) {
      const message = `${t.track.name}: no decoded audio for asset ${span.clip.assetHash.slice(0, 12)}…; clip ${span.clip.name} is silent`;
      if (!this.graph.issues.includes(message)) this.graph.issues.push(message);
      return;
    }
    const playing = playClip(this.graph.context, span, buffer, t.strip.input, from, this.graph.options.timeOffset, t.strip.inputIndex);
    if (playing) {
      this.playing.add(playing);
      playing.source.addEventListener('ended', () => this.playing.delete(playing));
    }
  }

  /**
   * Stops everything at context time `when` (transport stop): clips stop, voices release,
   * automation after `when` is dropped. Call {@link Scheduler.start} to play again.
   */
  stop(when: number): void {
    for (const p of this.playing) p.source.stop(when);
    this.playing.clear();
    for (const t of this.graph.tracks) {
      t.instrument?.clear();
      t.instrument?.send([{ time: when, kind: VoiceEvent.ReleaseAll, id: 0, pitch: 0, velocity: 0 }]);
    }
    for (const t of [this.graph.master, ...this.graph.tracks]) for (const b of t.automation) b.param.cancelScheduledValues(when);
  }
}
