import { describe, expect, it } from 'vitest';
import { decodeTrack, type DecodedTrack } from './decodedTrack';
import { PlaybackSession, type SessionSettings, type SessionTrackInfo } from './PlaybackSession';
import { emptyQueue, setQueue, setRepeat, type Queue } from './queue';
import { encodeWav16 } from './wavBytes';

const SR = 44100;

interface Fixture {
  id: string;
  channels: Float32Array[];
  info: Partial<SessionTrackInfo>;
}

/** Renders `queue` through PlaybackSession in an OfflineAudioContext, as the player schedules it. */
async function render(fixtures: Fixture[], queue: Queue, seconds: number, settings: Partial<SessionSettings> = {}) {
  const ctx = new OfflineAudioContext(2, Math.round(seconds * SR), SR);
  const decoded = new Map<string, DecodedTrack>();
  for (const f of fixtures) decoded.set(f.id, await decodeTrack(ctx, f.id, encodeWav16(f.channels, SR)));
  const info = (id: string): SessionTrackInfo => {
    const f = fixtures.find((x) => x.id === id)!;
    return { album: null, albumArtist: null, artists: ['Test'], trackNo: null, discNo: null, durationSec: f.channels[0]!.length / SR, loudness: {}, ...f.info };
  };
  const session = new PlaybackSession({
    context: ctx,
    output: ctx.destination,
    load: (id) => Promise.resolve(decoded.get(id)!),
    info,
    settings: () => ({ crossfadeSec: 0, normalization: 'track', targetLufs: -14, speed: 1, ...settings }),
  });
  await session.start(queue, 0);
  await session.planUntil(seconds);
  const out = await ctx.startRendering();
  return { out, decoded, session };
}

const concat = (...parts: Float32Array[]) => {
  const r = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    r.set(p, o);
    o += p.length;
  }
  return r;
};

/** A sine that does not repeat within the test (so a misplaced sample cannot match by chance). */
function sine(n: number, freq: number, from = 0): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => 0.6 * Math.sin((2 * Math.PI * freq * (i + from)) / SR));
}

const album = (trackNo: number) => ({ album: 'Continuous', albumArtist: 'Test', trackNo, discNo: 1 });

describe('PlaybackSession (rendered in an OfflineAudioContext)', () => {
  it('joins consecutive album tracks with 0 samples of gap and no discontinuity', async () => {
    // One continuous sine split off a zero crossing, at an odd frame.
    const total = SR + 12345;
    const split = 30011;
    const whole = sine(total, 997.3);
    const a = whole.slice(0, split);
    const b = whole.slice(split);
    const fx: Fixture[] = [
      { id: 'a', channels: [a, a], info: album(1) },
      { id: 'b', channels: [b, b], info: album(2) },
    ];
    // A crossfade is set, but album runs play gapless.
    const { out, decoded } = await render(fx, setQueue(emptyQueue(1), ['a', 'b']), total / SR + 0.1, { crossfadeSec: 6 });
    const expected = concat(decoded.get('a')!.buffer.getChannelData(0), decoded.get('b')!.buffer.getChannelData(0));
    const got = out.getChannelData(0);
    let mismatches = 0;
    for (let i = 0; i < total; i++) if (got[i] !== expected[i]) mismatches++;
    expect(mismatches).toBe(0);
    // Where B's first sample landed minus where A ended: the gap in samples.
    const bFirst = decoded.get('b')!.buffer.getChannelData(0)[0]!;
    let landed = -1;
    for (let i = split - 5; i < split + 5; i++) if (got[i] === bFirst && got[i + 1] === decoded.get('b')!.buffer.getChannelData(0)[1]) landed = i;
    expect(landed - split).toBe(0);
    // No click: the step across the join is no larger than the sine's own steepest step.
    let maxStep = 0;
    for (let i = 1; i < total; i++) if (i !== split) maxStep = Math.max(maxStep, Math.abs(got[i]! - got[i - 1]!));
    expect(Math.abs(got[split]! - got[split - 1]!)).toBeLessThanOrEqual(maxStep + 1e-6);
    // Silence after the last track.
    expect(got.subarray(total).every((x) => x === 0)).toBe(true);
  });

  it('crossfades unrelated tracks with equal-power curves', async () => {
    const n = SR;
    const ones = new Float32Array(n).fill(0.5);
    const zeros = new Float32Array(n);
    const fx: Fixture[] = [
      { id: 'left', channels: [ones, zeros], info: { album: 'One', trackNo: 1 } },
      { id: 'right', channels: [zeros, ones], info: { album: 'Two', trackNo: 1 } },
    ];
    const fade = 0.4;
    const { out } = await render(fx, setQueue(emptyQueue(1), ['left', 'right']), 2, { crossfadeSec: fade });
    const l = out.getChannelData(0);
    const r = out.getChannelData(1);
    const v = 0.5 * (32767 / 32768);
    const fadeStart = Math.round((1 - fade) * SR);
    const fadeLen = SR - fadeStart;
    expect(l[fadeStart - 10]).toBeCloseTo(v, 4);
    expect(r[fadeStart - 10]).toBe(0);
    for (let i = 0; i < fadeLen; i += 97) {
      const x = i / fadeLen;
      expect(l[fadeStart + i]!).toBeCloseTo(v * Math.cos((x * Math.PI) / 2), 3);
      expect(r[fadeStart + i]!).toBeCloseTo(v * Math.sin((x * Math.PI) / 2), 3);
      // Equal power: L² + R² stays at the level of one track.
      expect(l[fadeStart + i]! ** 2 + r[fadeStart + i]! ** 2).toBeCloseTo(v * v, 3);
    }
    // B plays on at full level after the fade, for its whole length, then stops.
    expect(r[SR + 100]).toBeCloseTo(v, 4);
    expect(l[SR + 100]).toBe(0);
    expect(r[fadeStart + n - 1]).toBeCloseTo(v, 4);
    expect(r[fadeStart + n + 5]).toBe(0);
  });

  it('applies the normalisation gain for the target, limited by the true peak', async () => {
    const s = sine(SR / 2, 440);
    const fx: Fixture[] = [
      { id: 'quiet', channels: [s, s], info: { loudness: { trackLufs: -20, trackTruePeakDbtp: -12 } } },
      { id: 'hot', channels: [s, s], info: { loudness: { trackLufs: -30, trackTruePeakDbtp: -3 } } },
      { id: 'tagged', channels: [s, s], info: { loudness: { replayGain: { trackGainDb: -4, trackPeak: 0.5, albumGainDb: null, albumPeak: null } } } },
    ];
    const { out, decoded, session } = await render(fx, setQueue(emptyQueue(1), ['quiet', 'hot', 'tagged']), 1.6);
    const src = decoded.get('quiet')!.buffer.getChannelData(0);
    const o = out.getChannelData(0);
    const half = SR / 2;
    const ratio = (from: number) => {
      let num = 0;
      let den = 0;
      for (let i = 0; i < half; i++) {
        num += o[from + i]! * src[i]!;
        den += src[i]! * src[i]!;
      }
      return 20 * Math.log10(num / den);
    };
    expect(ratio(0)).toBeCloseTo(6, 3); // -20 LUFS to -14
    expect(ratio(half)).toBeCloseTo(2, 3); // wanted +16 dB, the -3 dBTP peak allows +2
    expect(ratio(2 * half)).toBeCloseTo(0, 3); // RG -4 dB = -14 LUFS already
    expect(session.current?.normGainDb).toBeCloseTo(6, 6);
  });

  it('repeat one replays the track sample-exactly; repeat all loops the queue', async () => {
    const a = sine(5000, 300);
    const b = sine(7000, 700);
    const fx: Fixture[] = [
      { id: 'a', channels: [a, a], info: {} },
      { id: 'b', channels: [b, b], info: {} },
    ];
    const one = await render(fx, setRepeat(setQueue(emptyQueue(1), ['a', 'b']), 'one'), 15000 / SR);
    const da = one.decoded.get('a')!.buffer.getChannelData(0);
    const db = one.decoded.get('b')!.buffer.getChannelData(0);
    expect(Array.from(one.out.getChannelData(0))).toEqual(Array.from(concat(da, da, da)));
    const all = await render(fx, setRepeat(setQueue(emptyQueue(1), ['a', 'b']), 'all'), 24000 / SR);
    expect(Array.from(all.out.getChannelData(0))).toEqual(Array.from(concat(da, db, da, db)));
    const off = await render(fx, setQueue(emptyQueue(1), ['a', 'b']), 14000 / SR);
    expect(Array.from(off.out.getChannelData(0))).toEqual(Array.from(concat(da, db, new Float32Array(2000))));
  });

  it('plays faster at a higher speed (pitch follows) and reports its position in track time', async () => {
    const a = sine(SR, 200);
    const { session } = await render([{ id: 'a', channels: [a, a], info: {} }], setQueue(emptyQueue(1), ['a']), 0.6, { speed: 2 });
    expect(session.current?.endTime).toBeCloseTo(0.5, 6);
    expect(session.position(0.25)).toBeCloseTo(0.5, 6);
  });
});
