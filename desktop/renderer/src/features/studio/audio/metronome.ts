import { ticksPerBar, type MeterMap } from '@encore/shared/project/meterMap';
import type { TempoMap } from '@encore/shared/project/tempoMap';
import { seconds, ticks } from '@encore/shared/units';

export interface MetronomeOptions {
  /** Level of the clicks (linear gain). */
  gain: number;
  /** Pitch of the first beat of a bar and of the other beats (Hz). */
  accentHz: number;
  beatHz: number;
}

function beatTicksAt(meters: MeterMap, at: number): number {
  const m = meters.meterAt(ticks(at));
  return ticksPerBar(m.numerator, m.denominator) / m.numerator;
}

/** One click: a decaying sine burst, rendered once into a buffer per pitch. */
function clickBuffer(context: BaseAudioContext, hz: number): AudioBuffer {
  const length = Math.round(context.sampleRate * 0.04);
  const buffer = new AudioBuffer({ length, sampleRate: context.sampleRate, numberOfChannels: 1 });
  const data = buffer.getChannelData(0);
  for (let i = 0; i < length; i++) {
    const t = i / context.sampleRate;
    data[i] = Math.sin(2 * Math.PI * hz * t) * Math.exp(-t / 0.008) * Math.min(1, i / 16);
  }
  return buffer;
}

/**
 * The editor's click track, on the real-time context only (never in a bounce). It schedules one
 * buffer source per beat, a short window ahead of the playhead, from the song's tempo and meter
 * maps; the first beat of each bar is accented. A count-in is one bar of clicks before the
 * transport starts.
 *
 * @example
 * const click = new Metronome(context);
 * click.reset(tempo, meters, 0, (songSeconds) => contextTimeOfSong(songSeconds));
 * click.advance(playerPosition + 0.2); // from the transport's look-ahead timer
 */
export class Metronome {
  private readonly accent: AudioBuffer;
  private readonly beat: AudioBuffer;
  private readonly output: GainNode;
  private readonly sources = new Set<AudioBufferSourceNode>();
  private nextTick = 0;
  private tempo: TempoMap | null = null;
  private meters: MeterMap | null = null;
  private toContext: (songSeconds: number) => number = (s) => s;

  static getDefaults(): MetronomeOptions {
    return { gain: 0.5, accentHz: 1760, beatHz: 1320 };
  }

  constructor(
    readonly context: BaseAudioContext,
    options: Partial<MetronomeOptions> = {},
  ) {
    const o = { ...Metronome.getDefaults(), ...options };
    this.accent = clickBuffer(context, o.accentHz);
    this.beat = clickBuffer(context, o.beatHz);
    this.output = new GainNode(context, { gain: o.gain });
    this.output.connect(context.destination);
  }

  /** Starts counting beats from song second `from`; `toContext` maps song seconds to context time. */
  reset(tempo: TempoMap, meters: MeterMap, from: number, toContext: (songSeconds: number) => number): void {
    this.silence();
    this.tempo = tempo;
    this.meters = meters;
    this.toContext = toContext;
    const tick = tempo.secondsToTicks(seconds(Math.max(0, from))) as number;
    const at = Math.ceil(tick - 1e-6);
    const pos = meters.tickToBar(ticks(at));
    this.nextTick = pos.tick === 0 ? at : at - pos.tick + beatTicksAt(meters, at);
  }

  /** Schedules the clicks of every beat before song second `until`. */
  advance(until: number): void {
    const { tempo, meters } = this;
    if (!tempo || !meters) return;
    for (;;) {
      const at = tempo.ticksToSeconds(ticks(this.nextTick)) as number;
      if (at >= until) return;
      const pos = meters.tickToBar(ticks(this.nextTick));
      this.click(this.toContext(at), pos.beat === 0);
      this.nextTick += beatTicksAt(meters, this.nextTick);
    }
  }

  /**
   * One bar of clicks ending at context time `end` (the count-in before the song starts at
   * tick `at`); returns how long the bar lasts in seconds.
   */
  countIn(tempo: TempoMap, meters: MeterMap, at: number, end: number): number {
    const { numerator, denominator } = meters.meterAt(ticks(at));
    const beat = (60 / tempo.bpmAt(ticks(at))) * (4 / denominator);
    const length = numerator * beat;
    for (let k = 0; k < numerator; k++) this.click(end - length + k * beat, k === 0);
    return length;
  }

  /** The length (s) of the count-in bar before tick `at`. */
  static countInLength(tempo: TempoMap, meters: MeterMap, at: number): number {
    const { numerator, denominator } = meters.meterAt(ticks(at));
    return numerator * (60 / tempo.bpmAt(ticks(at))) * (4 / denominator);
  }

  /** Cancels every click not yet heard. */
  silence(): void {
    for (const s of this.sources) {
      s.onended = null;
      s.stop();
      s.disconnect();
    }
    this.sources.clear();
    this.tempo = null;
    this.meters = null;
  }

  dispose(): void {
    this.silence();
    this.output.disconnect();
  }

  private click(when: number, accent: boolean): void {
    if (when < this.context.currentTime) return;
    const source = new AudioBufferSourceNode(this.context, { buffer: accent ? this.accent : this.beat });
    source.connect(this.output);
    source.onended = () => {
      source.disconnect();
      this.sources.delete(source);
    };
    source.start(when);
    this.sources.add(source);
  }
}
