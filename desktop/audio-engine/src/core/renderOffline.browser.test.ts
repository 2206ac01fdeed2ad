import { describe, expect, it } from 'vitest';
import { WORKLET_URLS } from '../worklets/urls';
import { renderOffline, type RenderOptions } from './renderOffline';
import { audioClip, device, lane, midiClip, note, project, track } from '../testing/snapshotBuilder';
import { goertzel, spectralPeak } from '../dsp/testSignals';
import { peak, rms } from '../dsp/meter';
import { truePeak } from '../dsp/truePeak';
import type { ProjectSnapshot } from '@encore/shared/project/read/snapshot';

const FS = 48_000;
const HASH = 'a'.repeat(64);
const db = (g: number) => 20 * Math.log10(g);

const render = (snap: ProjectSnapshot, o: Partial<RenderOptions> = {}) =>
  renderOffline(snap, { worklets: WORKLET_URLS, sampleRate: FS, limiter: false, tail: 0.5, ...o });

/** A mono buffer of a 1 kHz sine at `amplitude`, `seconds` long. */
function sineBuffer(seconds: number, hz = 1000, amplitude = 0.5): AudioBuffer {
  const b = new AudioBuffer({ length: Math.round(seconds * FS), numberOfChannels: 1, sampleRate: FS });
  b.copyToChannel(Float32Array.from({ length: b.length }, (_, n) => amplitude * Math.sin((2 * Math.PI * hz * n) / FS)), 0);
  return b;
}

const synth = (id: string, pitch: number, extra: Parameters<typeof track>[0] = { id }) =>
  track({ ...extra, id, kind: 'instrument', instrument: { kind: 'synth', waveform: 'sine', voices: 4 }, clips: [midiClip(`${id}c`, id, 0, 4, [note(pitch, 0, 4)])] });

describe('renderOffline', () => {
  it('renders a 440 Hz note with its spectral peak at 440 Hz', async () => {
    const { mix } = await render(project([synth('a', 69)]));
    expect(mix.numberOfChannels).toBe(2);
    expect(mix.length).toBe(2.5 * FS);
    const x = mix.getChannelData(0).subarray(0.1 * FS, 1.1 * FS);
    expect(spectralPeak(x, FS, 300, 600, 1)).toBe(440);
    expect(rms(x)).toBeGreaterThan(0.02);
  });

  it('a muted track is digital silence', async () => {
    const { mix } = await render(project([synth('a', 69, { id: 'a', mute: true })]), { limiter: {} });
    expect(peak(mix.getChannelData(0))).toBe(0);
    expect(peak(mix.getChannelData(1))).toBe(0);
  });

  it('solo silences the other tracks', async () => {
    const { mix } = await render(project([synth('a', 69, { id: 'a', solo: true }), synth('b', 76)]));
    const alone = (await render(project([synth('a', 69)]))).mix;
    expect(goertzel(mix.getChannelData(0), 440, FS)).toBeGreaterThan(1e-3);
    // Bit-identical to the soloed track on its own: nothing of the other track leaks in.
    expect(mix.getChannelData(0)).toEqual(alone.getChannelData(0));
    expect(mix.getChannelData(1)).toEqual(alone.getChannelData(1));
  });

  it('pans with the constant-power law: hard left is silent right, centre is -3.01 dB a side', async () => {
    const buffers = new Map([[HASH, sineBuffer(2)]]);
    const clip = audioClip('c', 'au', HASH, 0, 4);
    const left = (await render(project([track({ id: 'au', pan: -1, clips: [clip] })]), { buffers })).mix;
    expect(peak(left.getChannelData(1))).toBe(0);
    expect(db(peak(left.getChannelData(0)) / 0.5)).toBeCloseTo(0, 2);
    const centre = (await render(project([track({ id: 'au', pan: 0, clips: [clip] })]), { buffers })).mix;
    for (const c of [0, 1]) expect(db(rms(centre.getChannelData(c).subarray(0, FS)) / (0.5 * Math.SQRT1_2))).toBeCloseTo(-3.01, 1);
  });

  it('a send reaches its return: the reverb tail is there only through the send', async () => {
    const verb = track({ id: 'verb', kind: 'bus', devices: [device('r', 'reverb', { decay: 3, mix: 100, preDelay: 0 })] });
    const short = (levelDb: number) =>
      project([
        track({ id: 'a', kind: 'instrument', instrument: { kind: 'synth', waveform: 'sawtooth', voices: 4 }, clips: [midiClip('c', 'a', 0, 1, [note(60, 0, 0.5)])], sends: [{ id: 's', targetTrackId: 'verb', levelDb, pre: false }] }),
        verb,
      ]);
    const range = { from: 0, to: 2 };
    const wet = (await render(short(0), { range })).mix.getChannelData(0);
    const dry = (await render(short(-144), { range })).mix.getChannelData(0);
    // The note ends at 0.25 s and its release is over by 0.5 s: what is left is reverb.
    expect(rms(wet.subarray(0.8 * FS, 1.5 * FS))).toBeGreaterThan(1e-3);
    expect(peak(dry.subarray(0.8 * FS, 1.5 * FS))).toBe(0);
  });

  it('volume automation changes the gain where it should', async () => {
    const buffers = new Map([[HASH, sineBuffer(4)]]);
    const automation = [lane({ kind: 'volume' }, [{ beat: 0, value: 0, curve: 'hold' }, { beat: 4, value: -20 }])];
    const { mix } = await render(project([track({ id: 'au', clips: [audioClip('c', 'au', HASH, 0, 8)], automation })]), { buffers, range: { from: 0, to: 4 } });
    const x = mix.getChannelData(0);
    expect(db(rms(x.subarray(2.1 * FS, 3.9 * FS)) / rms(x.subarray(0.1 * FS, 1.9 * FS)))).toBeCloseTo(-20, 1);
  });

  it('renders a range from the middle of the song, chasing notes and automation', async () => {
    const buffers = new Map([[HASH, sineBuffer(4)]]);
    const automation = [lane({ kind: 'volume' }, [{ beat: 0, value: 0 }, { beat: 8, value: -40 }])];
    const { mix } = await render(project([track({ id: 'au', clips: [audioClip('c', 'au', HASH, 0, 8)], automation }), synth('s', 69)]), { buffers, range: { from: 1, to: 1.5 } });
    expect(mix.length).toBe(0.5 * FS);
    // At 1 s the fade is a quarter done (-10 dB): the sine is there, and so is the chased note.
    const x = mix.getChannelData(0);
    expect(goertzel(x, 440, FS)).toBeGreaterThan(1e-4);
    expect(goertzel(x, 1000, FS)).toBeGreaterThan(1e-4);
  });

  it('plays audio clips reversed, with gain and fades', async () => {
    const ramp = new AudioBuffer({ length: FS, numberOfChannels: 1, sampleRate: FS });
    ramp.copyToChannel(Float32Array.from({ length: FS }, (_, n) => n / FS), 0);
    const clip = audioClip('c', 'au', HASH, 0, 2, { reversed: true, gainDb: -6.0206 as never });
    const { mix } = await render(project([track({ id: 'au', pan: -1, clips: [clip] })]), { buffers: new Map([[HASH, ramp]]), range: { from: 0, to: 1 } });
    const x = mix.getChannelData(0);
    expect(x[0]).toBeCloseTo(0.5 * (FS - 1) / FS, 3);
    expect(x[FS / 2]).toBeCloseTo(0.25, 3);
    const faded = audioClip('f', 'au', HASH, 0, 2, { fadeIn: 960 as never });
    const f = (await render(project([track({ id: 'au', pan: -1, clips: [faded] })]), { buffers: new Map([[HASH, sineBuffer(1, 1000, 1)]]), range: { from: 0, to: 1 } })).mix.getChannelData(0);
    expect(peak(f.subarray(0, 0.05 * FS))).toBeLessThan(0.11);
    expect(peak(f.subarray(0.6 * FS, 0.7 * FS))).toBeGreaterThan(0.99);
  });

  it('the master limiter keeps the mix under its ceiling', async () => {
    const loud = ['a', 'b', 'c', 'd'].map((id, i) =>
      track({ id, kind: 'instrument', volumeDb: 12, instrument: { kind: 'synth', waveform: 'sawtooth', voices: 8 }, clips: [midiClip(`${id}c`, id, 0, 4, [note(40 + 7 * i, 0, 4), note(52 + 5 * i, 0, 4)])] }),
    );
    const { mix } = await render(project(loud), { limiter: { ceiling: -1 } });
    const ceiling = 10 ** (-1 / 20);
    for (const c of [0, 1]) {
      const x = mix.getChannelData(c);
      expect(peak(x)).toBeLessThanOrEqual(ceiling);
      expect(peak(x)).toBeGreaterThan(ceiling * 0.9);
      expect(db(truePeak(x))).toBeLessThan(-0.5);
    }
    const unlimited = (await render(project(loud))).mix;
    expect(peak(unlimited.getChannelData(0))).toBeGreaterThan(1.5);
  });

  it('reports progress up to 1 and renders stems', async () => {
    const seen: number[] = [];
    const result = await render(project([synth('a', 69), synth('b', 76)]), { stems: ['a', 'b'], window: 0.2, onProgress: (f) => seen.push(f) });
    expect(seen.at(-1)).toBe(1);
    expect(seen.every((f) => f >= 0 && f <= 1)).toBe(true);
    expect(seen.length).toBeGreaterThan(10);
    const alone = (await render(project([synth('a', 69)]))).mix;
    expect(result.stems.get('a')!.getChannelData(0)).toEqual(alone.getChannelData(0));
    expect(result.stems.get('b')!.getChannelData(0)).not.toEqual(alone.getChannelData(0));
  });

  it('cancels with an AbortError', async () => {
    const controller = new AbortController();
    const long = project([synth('a', 69)]);
    const pending = render(long, { range: { from: 0, to: 60 }, onProgress: (f) => f > 0.05 && controller.abort() , signal: controller.signal });
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    const already = new AbortController();
    already.abort();
    await expect(render(long, { signal: already.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('steals voices when the pool is full, and keeps the newest note', async () => {
    const t = track({ id: 'a', kind: 'instrument', instrument: { kind: 'synth', waveform: 'sine', voices: 2 }, clips: [midiClip('c', 'a', 0, 4, [note(60, 0, 4), note(64, 0.5, 4), note(69, 1, 4)])] });
    const x = (await render(project([t]), { range: { from: 0, to: 2 } })).mix.getChannelData(0).subarray(0.75 * FS, 1.75 * FS);
    expect(goertzel(x, 440, FS)).toBeGreaterThan(1e-3);
    expect(goertzel(x, 329.63, FS)).toBeGreaterThan(1e-3);
    expect(goertzel(x, 261.63, FS)).toBeLessThan(1e-6);
  });

  it('runs every device kind and reports what it cannot do', async () => {
    const kinds = ['eq', 'compressor', 'limiter', 'reverb', 'delay', 'chorus', 'distortion', 'filter', 'gate'] as const;
    const devices = kinds.map((k, i) => device(`d${i}`, k, k === 'eq' ? { lowMidGain: 3 } : {}, `a${i}`));
    const t = track({ id: 'a', kind: 'instrument', instrument: { kind: 'drums', kit: 'Standard' }, devices, clips: [midiClip('c', 'a', 0, 4, [note(57, 0, 2)])] });
    const { mix, issues } = await render(project([t]));
    expect(rms(mix.getChannelData(0))).toBeGreaterThan(1e-3);
    expect(mix.getChannelData(0).every(Number.isFinite)).toBe(true);
    expect(issues.some((i) => i.includes('drums'))).toBe(true);
    const missing = await render(project([track({ id: 'au', clips: [audioClip('c', 'au', HASH, 0, 4)] })]));
    expect(missing.issues.some((i) => i.includes('no decoded audio'))).toBe(true);
  });

  it('creates no node per note: voices play inside the channel processor, or one voice bank per track', async () => {
    const Original = window.AudioWorkletNode;
    const names: string[] = [];
    window.AudioWorkletNode = class extends Original {
      constructor(context: BaseAudioContext, name: string, options?: AudioWorkletNodeOptions) {
        super(context, name, options);
        names.push(name);
      }
    };
    try {
      const song = (count: number) => {
        const notes = Array.from({ length: count }, (_, i) => note(60 + (i % 12), i / 8, 0.1, 100, `n${i}`));
        return project([track({ id: 'a', kind: 'instrument', clips: [midiClip('c', 'a', 0, 8, notes)] })]);
      };
      const { mix } = await render(song(64));
      expect(rms(mix.getChannelData(0))).toBeGreaterThan(1e-3);
      const fused = names.splice(0);
      expect(fused).not.toContain('encore-voice-bank');
      await render(song(1));
      expect(names.splice(0)).toEqual(fused);
      await render(song(64), { fused: false });
      expect(names.filter((n) => n === 'encore-voice-bank')).toHaveLength(1);
    } finally {
      window.AudioWorkletNode = Original;
    }
  });
});
