import type { ProjectSnapshot, TrackSnapshot } from '@encore/shared/project/read/snapshot';
import { TempoMap } from '@encore/shared/project/tempoMap';
import { abortError, EngineError } from '../core/errors';
import { dbToGain } from '../dsp/gain';
import { createLimiter, limiterLatency, processLimiter, type LimiterOptions } from '../dsp/limiter';
import { balanceGains } from '../dsp/pan';
import { resolveRouting } from '../graph/routing';
import { songEnd, trackTimeline } from '../graph/timeline';
import { GmSynth, type SoundBank } from './gmSynth';

/**
 * Headless render of a project's note tracks through one General MIDI soundfont synth, the way a
 * MIDI file player (FluidSynth) does it: each instrument track gets a MIDI channel (its program
 * or drum kit, its fader as channel gain, its pan as channel pan; bus faders multiply in), notes
 * start and stop at their exact frames, the master fader, balance and the engine's true-peak
 * limiter kernel finish the mix. Pure computation, no Web Audio: it runs in Node and workers.
 *
 * What the headless path does not play (audio clips, devices, sends, automation) is listed in
 * `issues`, never silently dropped.
 */

export interface SongRenderOptions {
  sampleRate: number;
  /** Seconds rendered after the last note (releases, reverb). */
  tail: number;
  /** The master limiter, or false for none. */
  limiter: Partial<LimiterOptions> | false;
  /** spessasynth frames per call. */
  blockSize: number;
  onProgress: ((fraction: number) => void) | null;
  signal: AbortSignal | null;
}

export interface SongRender {
  readonly sampleRate: number;
  readonly channels: readonly [Float32Array, Float32Array];
  readonly seconds: number;
  /** One line per thing the render could not do as the document says. */
  readonly issues: readonly string[];
  /** Instrument tracks rendered, and their notes. */
  readonly tracks: number;
  readonly notes: number;
  /** Sample peak of the mix before the limiter, linear. */
  readonly peak: number;
  /** Whether the limiter had anything to do (false: the mix is 6 dB or more under its ceiling). */
  readonly limited: boolean;
}

export const DEFAULT_SONG_RENDER: SongRenderOptions = { sampleRate: 44_100, tail: 2, limiter: {}, blockSize: 512, onProgress: null, signal: null };

const NOTE_OFF = 0;
const NOTE_ON = 1;

/**
 * @example
 * const bank = parseSoundBank(sf3Bytes);
 * const { channels, issues } = await renderSong(readProject(doc), bank, { sampleRate: 48_000 });
 */
export async function renderSong(snapshot: ProjectSnapshot, bank: SoundBank, options: Partial<SongRenderOptions> = {}): Promise<SongRender> {
  const o = { ...DEFAULT_SONG_RENDER, ...options };
  if (!(o.sampleRate >= 8000 && o.sampleRate <= 192_000) || !(o.tail >= 0) || !(o.blockSize >= 16 && o.blockSize <= 8192)) {
    throw new EngineError('BAD_OPTIONS', 'render options: sampleRate 8000-192000, tail >= 0, blockSize 16-8192');
  }
  if (o.signal?.aborted) throw abortError();
  const issues: string[] = [];
  const tempo = new TempoMap(snapshot.tempo);
  const routing = resolveRouting(snapshot);
  issues.push(...routing.issues);
  const byId = new Map(snapshot.tracks.map((t) => [t.id, t]));
  const synth = await GmSynth.create(bank, { sampleRate: o.sampleRate, blockSize: o.blockSize });

  // Events as parallel arrays: frame, kind, channel, pitch, velocity.
  const frames: number[] = [];
  const kinds: number[] = [];
  const chans: number[] = [];
  const pitches: number[] = [];
  const vels: number[] = [];
  let channel = 0;
  let notes = 0;
  for (const track of snapshot.tracks) {
    noteUnsupported(track, issues);
    if (track.kind !== 'instrument' || !(routing.audible.get(track.id) ?? false)) continue;
    const timeline = trackTimeline(track, tempo);
    if (timeline.notes.length === 0) continue;
    const ch = channel++;
    synth.assign(ch, track.instrument);
    if (track.instrument?.kind === 'synth' || track.instrument?.kind === 'sampler') {
      issues.push(`${track.name}: the ${track.instrument.kind} plays as a General MIDI soundfont instrument in headless renders`);
    }
    synth.mix(ch, { gain: dbToGain(track.volumeDb) * busGain(track, routing.output, byId), pan: track.pan });
    for (const n of timeline.notes) {
      const on = Math.round(n.on * o.sampleRate);
      const off = Math.max(on + 1, Math.round(n.off * o.sampleRate));
      frames.push(on, off);
      kinds.push(NOTE_ON, NOTE_OFF);
      chans.push(ch, ch);
      pitches.push(n.pitch, n.pitch);
      vels.push(n.velocity, 0);
    }
    notes += timeline.notes.length;
  }
  // By frame; at one frame note-offs first, so a repeated note restarts.
  const order = Int32Array.from(frames.keys()).sort((a, b) => frames[a]! - frames[b]! || kinds[a]! - kinds[b]!);

  const length = Math.max(1, Math.round((songEnd(snapshot, tempo) + o.tail) * o.sampleRate));
  const limiter = o.limiter === false ? null : createLimiter(o.limiter, o.sampleRate, 2);
  const latency = limiter ? limiterLatency(limiter) : 0;
  const left = new Float32Array(length + latency);
  const right = new Float32Array(length + latency);
  const progressEvery = o.sampleRate * 5;
  let nextProgress = progressEvery;
  let e = 0;
  let at = 0;
  while (at < length) {
    while (e < order.length && frames[order[e]!]! <= at) {
      const i = order[e++]!;
      if (kinds[i] === NOTE_ON) synth.noteOn(chans[i]!, pitches[i]!, vels[i]!);
      else synth.noteOff(chans[i]!, pitches[i]!);
    }
    const until = Math.min(length, e < order.length ? frames[order[e]!]! : length, at + o.blockSize);
    synth.render(left, right, at, until - at);
    at = until;
    if (at >= nextProgress) {
      nextProgress += progressEvery;
      o.onProgress?.(at / length);
      if (o.signal?.aborted) {
        synth.dispose();
        throw abortError();
      }
      // Let the event loop breathe (abort signals, stderr) on long renders.
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
    }
  }
  synth.dispose();

  const master = snapshot.master;
  const g = master && (routing.audible.get(master.id) ?? true) ? dbToGain(master.volumeDb) : master ? 0 : 1;
  const bal = balanceGains(master?.pan ?? 0);
  if (master) noteUnsupported(master, issues);
  for (let i = 0; i < length; i++) {
    left[i]! *= g * bal.left;
    right[i]! *= g * bal.right;
  }
  let out: [Float32Array, Float32Array] = [left.subarray(0, length), right.subarray(0, length)];
  // A mix 6 dB under the ceiling cannot reach it between samples either (true peak exceeds
  // sample peak by well under 6 dB for audio): the look-ahead limiter would pass it unchanged.
  const peak = samplePeak(out);
  const limited = limiter !== null && peak > limiter.ceilingGain / 2;
  if (limiter && limited) {
    const outL = new Float32Array(length + latency);
    const outR = new Float32Array(length + latency);
    const CHUNK = 8192;
    for (let s = 0; s < length + latency; s += CHUNK) {
      const n = Math.min(CHUNK, length + latency - s);
      processLimiter(limiter, [left.subarray(s, s + n), right.subarray(s, s + n)], [outL.subarray(s, s + n), outR.subarray(s, s + n)]);
    }
    out = [outL.subarray(latency), outR.subarray(latency)];
  }
  o.onProgress?.(1);
  return { sampleRate: o.sampleRate, channels: out, seconds: length / o.sampleRate, issues: [...new Set(issues)], tracks: channel, notes, peak, limited };
}

function samplePeak(channels: readonly Float32Array[]): number {
  let peak = 0;
  for (const x of channels) {
    for (let i = 0; i < x.length; i++) {
      const a = Math.abs(x[i]!);
      if (a > peak) peak = a;
    }
  }
  return peak;
}

/** The product of the faders of the buses a track's output passes through. */
function busGain(track: TrackSnapshot, output: ReadonlyMap<string, string | null>, byId: ReadonlyMap<string, TrackSnapshot>): number {
  let g = 1;
  let at = output.get(track.id) ?? null;
  for (let hops = 0; at !== null && hops < 64; hops++) {
    const bus = byId.get(at);
    if (!bus) break;
    g *= dbToGain(bus.volumeDb);
    at = output.get(at) ?? null;
  }
  return g;
}

function noteUnsupported(track: TrackSnapshot, issues: string[]): void {
  if (track.clips.some((c) => c.kind === 'audio')) issues.push(`${track.name}: audio clips are not played by the headless soundfont render`);
  if (track.devices.some((d) => !d.bypass)) issues.push(`${track.name}: devices (effects) are not applied by the headless soundfont render`);
  if (track.sends.length > 0) issues.push(`${track.name}: sends are not applied by the headless soundfont render`);
  if (track.automation.some((l) => l.enabled && l.points.length > 0)) issues.push(`${track.name}: automation is not applied by the headless soundfont render`);
}
