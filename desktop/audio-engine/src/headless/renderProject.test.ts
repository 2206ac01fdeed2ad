import { describe, expect, it } from 'vitest';
import { sine, spectralPeak } from '../dsp/testSignals';
import { parseSoundBank } from '../instruments/gmSynth';
import { testSoundfontBytes } from '../instruments/testSoundfont.node';
import { audioClip, beatsToTicks, device, lane, midiClip, note, project, track } from '../testing/snapshotBuilder';
import { renderProject } from './renderProject';
import type { DecodedAudio } from './sources';

const SR = 44_100;
const bank = parseSoundBank(testSoundfontBytes());
const rms = (x: Float32Array): number => Math.sqrt(x.reduce((a, v) => a + v * v, 0) / Math.max(1, x.length));
const db = (x: number) => 20 * Math.log10(x);
const at = (x: Float32Array, from: number, to: number) => x.subarray(Math.round(from * SR), Math.round(to * SR));
const peakOf = (channels: readonly Float32Array[]) => Math.max(...channels.map((c) => c.reduce((m, v) => Math.max(m, Math.abs(v)), 0)));

/** A 2 s, 440 Hz mono asset at half scale. */
const TONE = 'a'.repeat(64);
const audio = new Map<string, DecodedAudio>([[TONE, { sampleRate: SR, channels: [sine(2 * SR, 440, SR, 0.5)] }]]);

describe('headless render: soundfont tracks', () => {
  it('renders a soundfont track and a drum machine, for the song length plus the tail, under the ceiling', async () => {
    const snapshot = project(
      [
        track({ id: 'flute', kind: 'instrument', instrument: { kind: 'soundfont', program: 73, name: 'Flute' }, clips: [midiClip('c1', 'flute', 0, 2, [note(72, 0, 2, 110)])] }),
        track({ id: 'drums', kind: 'instrument', instrument: { kind: 'drums', kit: 'Standard' }, clips: [midiClip('c2', 'drums', 0, 2, [note(36, 0, 0.25, 120), note(38, 1, 0.25, 120)])] }),
      ],
      { bpm: 120 },
    );
    const r = await renderProject(snapshot, { bank, audio: new Map() }, { sampleRate: SR, tail: 1 });
    expect(r.tracks).toBe(2);
    expect(r.notes).toBe(3);
    expect(r.seconds).toBeCloseTo(2, 1);
    expect(r.channels[0].length).toBe(2 * SR);
    const peak = peakOf(r.channels);
    expect(peak).toBeGreaterThan(0.01);
    expect(peak).toBeLessThanOrEqual(10 ** (-1 / 20) + 1e-6);
    expect(Math.abs(spectralPeak(at(r.channels[0], 0.2, 0.6), SR, 300, 1500) - 523.25)).toBeLessThan(4);
    expect(r.issues).toEqual([]);
  });

  it('shares one GM reverb between fixed strips without changing the sound', async () => {
    const snapshot = project([
      track({ id: 'piano', kind: 'instrument', pan: -0.7, volumeDb: -3, instrument: { kind: 'soundfont', program: 0, name: 'Piano' }, clips: [midiClip('c1', 'piano', 0, 2, [note(60, 0, 0.5, 110), note(64, 1, 0.5)])] }),
      track({ id: 'strings', kind: 'instrument', pan: 0.6, instrument: { kind: 'soundfont', program: 48, name: 'Strings' }, clips: [midiClip('c2', 'strings', 0, 2, [note(67, 0, 2, 100)])] }),
    ]);
    const shared = await renderProject(snapshot, { bank, audio: new Map() }, { sampleRate: SR, tail: 1.5, limiter: false });
    const own = await renderProject(snapshot, { bank, audio: new Map() }, { sampleRate: SR, tail: 1.5, limiter: false, shareReverb: false });
    for (const c of [0, 1]) {
      const a = shared.channels[c]!;
      const b = own.channels[c]!;
      const diff = a.map((v, i) => v - b[i]!);
      expect(rms(a)).toBeGreaterThan(0.005);
      expect(db(rms(diff) / rms(b))).toBeLessThan(-80);
      // The tail after the notes is reverb alone: present, and the same.
      expect(rms(at(a, 2.2, 3))).toBeGreaterThan(1e-6);
    }
  });

  it('applies fixed strips as their gains (pan, fader, pre and post sends) without changing the sound', async () => {
    const snapshot = project([
      track({ id: 'piano', kind: 'instrument', pan: -0.7, volumeDb: -3, sends: [{ id: 's1', targetTrackId: 'bus', levelDb: -6, pre: false }], instrument: { kind: 'soundfont', program: 0, name: 'Piano' }, clips: [midiClip('c1', 'piano', 0, 2, [note(60, 0, 0.5, 110), note(64, 1, 0.5)])] }),
      track({ id: 'strings', kind: 'instrument', pan: 0.6, volumeDb: 2, sends: [{ id: 's2', targetTrackId: 'bus', levelDb: -10, pre: true }], instrument: { kind: 'soundfont', program: 48, name: 'Strings' }, clips: [midiClip('c2', 'strings', 0, 2, [note(67, 0, 2, 100)])] }),
      track({ id: 'bus', kind: 'bus', pan: 0.2 }),
    ]);
    const folded = await renderProject(snapshot, { bank, audio: new Map() }, { sampleRate: SR, tail: 1, limiter: false });
    const full = await renderProject(snapshot, { bank, audio: new Map() }, { sampleRate: SR, tail: 1, limiter: false, foldStrips: false });
    for (const c of [0, 1]) {
      const a = folded.channels[c]!;
      const b = full.channels[c]!;
      expect(rms(b)).toBeGreaterThan(0.005);
      expect(db(rms(a.map((v, i) => v - b[i]!)) / rms(b))).toBeLessThan(-120);
    }
    // Without the sends' bus, both would lack its share: it is in the mix.
    const dry = await renderProject(project(snapshot.tracks.filter((t) => t.id !== 'bus').map((t) => ({ ...t, sends: [] }))), { bank, audio: new Map() }, { sampleRate: SR, tail: 1, limiter: false });
    expect(db(rms(folded.channels[0]!.map((v, i) => v - dry.channels[0]![i]!)) / rms(folded.channels[0]!))).toBeGreaterThan(-40);
  });

  it('keeps muted tracks silent and says what a synth track plays as', async () => {
    const muted = project([
      track({ id: 'lead', kind: 'instrument', mute: true, instrument: { kind: 'synth', waveform: 'square', voices: 8 }, clips: [midiClip('c1', 'lead', 0, 1, [note(60, 0, 1)])] }),
    ]);
    const r = await renderProject(muted, { bank, audio: new Map() }, { sampleRate: 22_050, tail: 0.5 });
    expect(r.tracks).toBe(0);
    expect(r.channels[0].every((v) => v === 0)).toBe(true);
    const playing = project([track({ id: 'lead', kind: 'instrument', instrument: { kind: 'synth', waveform: 'square', voices: 8 }, clips: [midiClip('c1', 'lead', 0, 1, [note(60, 0, 1)])] })]);
    expect((await renderProject(playing, { bank, audio: new Map() }, { sampleRate: 22_050, tail: 0.5 })).issues.join()).toMatch(/synth plays as a General MIDI/);
  });

  it('stops when aborted', async () => {
    const snapshot = project([
      track({ id: 'long', kind: 'instrument', instrument: { kind: 'soundfont', program: 48, name: 'Strings' }, clips: [midiClip('c1', 'long', 0, 200, [note(60, 0, 200)])] }),
    ]);
    const controller = new AbortController();
    controller.abort();
    await expect(renderProject(snapshot, { bank, audio: new Map() }, { signal: controller.signal })).rejects.toThrow(/cancelled/);
  });
});

describe('headless render: the whole mixer', () => {
  // At 120 bpm a beat is 0.5 s: the clip plays the tone from 1 s to 3 s; the volume steps to -12 dB at 2 s.
  const vox = (sendDb: number, extra: Parameters<typeof track>[0] = { id: 'vox' }) =>
    track({
      kind: 'audio',
      ...extra,
      id: 'vox',
      clips: [audioClip('clip', 'vox', TONE, 2, 4)],
      sends: [{ id: 'send', targetTrackId: 'verb', levelDb: sendDb, pre: false }],
      automation: [lane({ kind: 'volume' }, [{ beat: 0, value: 0, curve: 'hold' }, { beat: 4, value: -12, curve: 'hold' }])],
    });
  const verb = track({ id: 'verb', kind: 'bus', devices: [device('rv', 'reverb', { decay: 1.5, preDelay: 0, mix: 100 })] });

  it('plays the audio clip at its position, follows volume automation, and its send reaches the return', async () => {
    const dry = await renderProject(project([vox(-144), verb]), { bank: null, audio }, { sampleRate: SR, tail: 1.5, limiter: false });
    const wet = await renderProject(project([vox(-6), verb]), { bank: null, audio }, { sampleRate: SR, tail: 1.5, limiter: false });
    const left = dry.channels[0];
    // Silence, then the clip from 1 s on the frame.
    expect(peakOf([left.subarray(0, SR - 1)])).toBe(0);
    expect(Math.abs(left[SR + 10]!)).toBeGreaterThan(0);
    // 0.5 × constant-power centre pan: RMS 0.5 / √2 × 0.707 = 0.25, then 12 dB down from 2 s.
    expect(rms(at(left, 1.2, 1.9))).toBeCloseTo(0.25, 2);
    expect(db(rms(at(left, 2.1, 2.9)) / rms(at(left, 1.2, 1.9)))).toBeCloseTo(-12, 1);
    expect(Math.abs(spectralPeak(at(left, 1.2, 1.6), SR, 200, 1000) - 440)).toBeLessThan(3);
    // After the clip: nothing without the send, the return's reverb tail with it.
    expect(peakOf([at(left, 3.01, 4)])).toBe(0);
    expect(rms(at(wet.channels[0], 3.05, 3.5))).toBeGreaterThan(1e-3);
    expect(rms(at(wet.channels[1], 3.05, 3.5))).toBeGreaterThan(1e-3);
    expect(wet.issues).toEqual([]);
  });

  it('runs the track devices (a lowpass filter takes the tone down)', async () => {
    const filtered = vox(-144, { id: 'vox', devices: [device('lp', 'filter', { mode: 0, cutoff: 110 })] });
    const r = await renderProject(project([filtered, verb]), { bank: null, audio }, { sampleRate: SR, tail: 0.5, limiter: false });
    // A 12 dB/octave lowpass two octaves below the tone: about 24 dB down.
    expect(db(rms(at(r.channels[0], 1.2, 1.9)) / 0.25)).toBeLessThan(-18);
  });

  it('places reversed clips with gain and fades as the clip player does', async () => {
    const ramp: DecodedAudio = { sampleRate: SR, channels: [Float32Array.from({ length: SR }, (_, i) => i / SR)] };
    const RAMP = 'b'.repeat(64);
    // 1 s clip of the 1 s ramp, reversed, -6 dB, 0.5 s fade-in: starts at 0 gain on the ramp's end.
    const clip = audioClip('r', 'rev', RAMP, 0, 2, { reversed: true, gainDb: -6 as never, fadeIn: beatsToTicks(1) });
    const r = await renderProject(project([track({ id: 'rev', kind: 'audio', pan: -1, clips: [clip] })]), { bank: null, audio: new Map([[RAMP, ramp]]) }, { sampleRate: SR, tail: 0, limiter: false });
    const left = r.channels[0];
    const g = 10 ** (-6 / 20);
    // Hard left pan: unity on the left. At 0.75 s: ramp value 0.25 (reversed), fade done.
    expect(left[Math.round(0.75 * SR)]).toBeCloseTo(0.25 * g, 3);
    // At 0.25 s: ramp value 0.75, halfway through the fade.
    expect(left[Math.round(0.25 * SR)]).toBeCloseTo(0.75 * g * 0.5, 3);
    expect(peakOf([r.channels[1]])).toBeLessThan(1e-6);
  });
});
