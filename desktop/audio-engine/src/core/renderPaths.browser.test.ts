import { describe, expect, it } from 'vitest';
import { WORKLET_URLS } from '../worklets/urls';
import { renderOffline, type RenderOptions } from './renderOffline';
import { planSplit } from './sourceSplit';
import { audioClip, device, lane, midiClip, note, project, track } from '../testing/snapshotBuilder';
import { peak, rms } from '../dsp/meter';
import type { ProjectSnapshot } from '@encore/shared/project/read/snapshot';

const FS = 48_000;
const HASH = 'b'.repeat(64);

const render = (snap: ProjectSnapshot, o: Partial<RenderOptions> = {}) => renderOffline(snap, { worklets: WORKLET_URLS, sampleRate: FS, tail: 1, ...o });

/** A stereo buffer: a decaying tone burst every half second over noise, `seconds` long. */
function loop(seconds: number): AudioBuffer {
  const b = new AudioBuffer({ length: seconds * FS, numberOfChannels: 2, sampleRate: FS });
  let seed = 7;
  const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31) * 2 - 1;
  for (let c = 0; c < 2; c++) {
    b.copyToChannel(
      Float32Array.from({ length: b.length }, (_, n) => {
        const t = (n % (FS / 2)) / FS;
        return 0.5 * Math.sin(2 * Math.PI * (90 + 30 * c) * t) * Math.exp(-t * 6) + 0.05 * rand();
      }),
      c,
    );
  }
  return b;
}

/** Error of `x` against `reference`, dB relative to the reference's RMS. */
function errorDb(x: Float32Array, reference: Float32Array): number {
  const diff = x.map((v, i) => v - reference[i]!);
  return 20 * Math.log10(rms(diff) / rms(reference));
}

/** Instruments and audio with EQ, compressor, delay, filter, sends to two returns, automation. */
function mixedProject(): ProjectSnapshot {
  const sends = (i: number) => [
    { id: `rv${i}`, targetTrackId: 'verb', levelDb: -10, pre: i % 2 === 0 },
    { id: `dl${i}`, targetTrackId: 'echo', levelDb: -16, pre: false },
  ];
  const notes = Array.from({ length: 12 }, (_, i) => note(48 + ((i * 7) % 17), i / 2, 0.4, 90, `n${i}`));
  const synths = [0, 1, 2].map((i) =>
    track({
      id: `s${i}`,
      kind: 'instrument',
      volumeDb: -8,
      pan: i / 2 - 0.5,
      instrument: { kind: 'synth', waveform: (['sawtooth', 'square', 'triangle'] as const)[i]!, voices: 8 },
      devices: [device(`s${i}eq`, 'eq', { lowGain: -3, highMidGain: 4 }, 'a0'), device(`s${i}c`, 'compressor', { threshold: -30 }, 'a1'), device(`s${i}d`, 'delay', { mix: 25 }, 'a2')],
      sends: sends(i),
      clips: [midiClip(`s${i}c`, `s${i}`, 0, 8, notes)],
      automation: i === 0 ? [lane({ kind: 'volume' }, [{ beat: 0, value: -20 }, { beat: 6, value: 0 }])] : [],
    }),
  );
  const audio = [0, 1].map((i) =>
    track({
      id: `a${i}`,
      volumeDb: -10,
      pan: 0.3 - 0.6 * i,
      devices: [device(`a${i}eq`, 'eq', { lowMidGain: -4 }, 'a0'), device(`a${i}c`, 'compressor', { threshold: -24 }, 'a1'), device(`a${i}f`, 'filter', { mode: 1, cutoff: 120 }, 'a2')],
      sends: sends(i + 3),
      clips: [audioClip(`a${i}c`, `a${i}`, HASH, i, 6)],
    }),
  );
  const verb = track({ id: 'verb', kind: 'bus', devices: [device('rv', 'reverb', { decay: 1.5, mix: 100 })] });
  const echo = track({ id: 'echo', kind: 'bus', devices: [device('dl', 'delay', { mix: 100, feedback: 40 }, 'a0'), device('dlf', 'filter', { cutoff: 3000 }, 'a1')] });
  return project([...synths, ...audio, verb, echo], { bpm: 120 });
}

describe('render paths', () => {
  it('fused channels, and the split render (context + source worker), match the reference node graph within -50 dB', async () => {
    const snap = mixedProject();
    const buffers = new Map([[HASH, loop(4)]]);
    expect(planSplit(snap, 2, buffers, FS)?.workers).toHaveLength(1);
    const reference = (await render(snap, { buffers, fused: false, concurrency: 1 })).mix;
    const single = (await render(snap, { buffers, concurrency: 1 })).mix;
    const split = (await render(snap, { buffers, concurrency: 2 })).mix;
    for (const c of [0, 1]) {
      const ref = reference.getChannelData(c);
      expect(rms(ref)).toBeGreaterThan(0.01);
      // Measured -53.7 dB (float32 params and per-node rounding of the native graph); the split adds nothing.
      expect(errorDb(single.getChannelData(c), ref)).toBeLessThan(-50);
      expect(errorDb(split.getChannelData(c), single.getChannelData(c))).toBeLessThan(-100);
    }
  });

  it('a split render equals the single-context one, the master limiter working on the full mix, from any start', async () => {
    const snap = mixedProject();
    const buffers = new Map([[HASH, loop(4)]]);
    const plan = planSplit(snap, 3, buffers, FS)!;
    // Two workers share the source tracks; the context runs whatever is left, the returns and the master.
    expect(plan.workers).toHaveLength(2);
    // A ceiling far below the mix's peak: the limiter works all the time, on what it is fed.
    // Also windows (and so chunks) of a fractional number of frames, against the one-context render
    // in 1 s windows (the one-context render itself is window-independent: windowIndependence.browser.test.ts).
    for (const [range, window] of [[{ from: 0, to: 6 }, 1], [{ from: 1.25, to: 5 }, 1], [{ from: 0.5, to: 3 }, 0.0213]] as const) {
      const o = { buffers, range, limiter: { ceiling: -36 } };
      const single = (await render(snap, { ...o, concurrency: 1 })).mix;
      const split = (await render(snap, { ...o, window, concurrency: 2 })).mix;
      const three = (await render(snap, { ...o, window, concurrency: 3 })).mix;
      const partial = (await render(snap, { ...o, limiter: false, concurrency: 1 })).mix;
      for (const c of [0, 1]) {
        const x = single.getChannelData(c);
        expect(rms(x)).toBeGreaterThan(0.002);
        expect(peak(x)).toBeLessThan(10 ** (-35.9 / 20));
        // Limited hard: far from the unlimited mix, so a limiter fed only part of the mix would show.
        expect(errorDb(partial.getChannelData(c), x)).toBeGreaterThan(-20);
        expect(errorDb(split.getChannelData(c), x)).toBeLessThan(-100);
        expect(errorDb(three.getChannelData(c), x)).toBeLessThan(-100);
      }
    }
  });

  it('shares out only what a worker can render, within its audio budget', () => {
    const snap = mixedProject();
    const buffers = new Map([[HASH, loop(4)]]);
    const moved = (budget?: number) => new Set(planSplit(snap, 4, buffers, FS, budget)?.workers.flatMap((w) => [...w]));
    expect(moved()).toEqual(new Set(['s0', 's1', 's2', 'a0', 'a1']));
    // No room for audio: the audio tracks stay on the context.
    expect(moved(0)).toEqual(new Set(['s0', 's1', 's2']));
    // Audio at another rate than the render's (the context resamples it): stays too.
    const other = new AudioBuffer({ length: 4 * 44_100, numberOfChannels: 2, sampleRate: 44_100 });
    expect(new Set(planSplit(snap, 4, new Map([[HASH, other]]), FS)?.workers.flatMap((w) => [...w]))).toEqual(new Set(['s0', 's1', 's2']));
    expect(planSplit(snap, 1, buffers, FS)).toBeNull();
  });

  it('renders on the context alone, and says so, where workers cannot start', async () => {
    const snap = mixedProject();
    const buffers = new Map([[HASH, loop(4)]]);
    const o = { buffers, range: { from: 0, to: 3 } };
    const single = await render(snap, { ...o, concurrency: 1 });
    const real = globalThis.Worker;
    globalThis.Worker = class {
      constructor() {
        throw new DOMException('refused by the content security policy', 'SecurityError');
      }
    } as unknown as typeof Worker;
    try {
      const { mix, issues } = await render(snap, { ...o, concurrency: 2 });
      expect(issues.some((i) => i.includes('refused by the content security policy'))).toBe(true);
      expect(errorDb(mix.getChannelData(0), single.mix.getChannelData(0))).toBeLessThan(-100);
    } finally {
      globalThis.Worker = real;
    }
  });

  it.each([{ fused: true }, { fused: false }])('compensates plugin delay: a limited track stays aligned with the others (fused: $fused)', async ({ fused }) => {
    // The same clip twice, one copy through a limiter that never acts (5 ms look-ahead) and the
    // other phase-inverted: aligned, they cancel exactly; 5 ms apart, they would not.
    const buffers = new Map([[HASH, loop(2)]]);
    const clip = (id: string) => audioClip(`${id}c`, id, HASH, 0, 4);
    const snap = project([
      track({ id: 'lim', devices: [device('l', 'limiter', { ceiling: 0 })], clips: [clip('lim')], sends: [{ id: 's', targetTrackId: 'bus', levelDb: 0, pre: false }] }),
      track({ id: 'inv', phaseInvert: true, clips: [clip('inv')], sends: [{ id: 's', targetTrackId: 'bus', levelDb: 0, pre: false }] }),
      track({ id: 'bus', kind: 'bus' }),
    ]);
    const options = { buffers, fused, range: { from: 0, to: 2 }, limiter: false as const };
    for (const concurrency of [1, 2]) {
      const { mix } = await render(snap, { ...options, concurrency });
      expect(peak(mix.getChannelData(0))).toBeLessThan(1e-6);
    }
    // The mix itself starts on time: the compensated latency is trimmed from the render.
    const alone = project([track({ id: 'lim', pan: -1, devices: [device('l', 'limiter', { ceiling: 0 })], clips: [clip('lim')] })]);
    const x = (await render(alone, options)).mix.getChannelData(0);
    const source = buffers.get(HASH)!.getChannelData(0);
    expect(errorDb(x.subarray(0, FS), source.subarray(0, FS))).toBeLessThan(-100);
  });
});
