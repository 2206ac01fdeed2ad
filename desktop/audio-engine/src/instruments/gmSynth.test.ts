import { spectralPeak } from '../dsp/testSignals';
import { describe, expect, it } from 'vitest';
import { midiClip, note, project, track } from '../testing/snapshotBuilder';
import { drumKitProgram, GmSynth, parseSoundBank } from './gmSynth';
import { renderSong } from './renderSong';
import { testSoundfontBytes, testSoundfontInstalled } from './testSoundfont.node';

const bank = parseSoundBank(testSoundfontBytes());


const rms = (x: Float32Array): number => Math.sqrt(x.reduce((a, v) => a + v * v, 0) / x.length);

describe('GM soundfont synth', () => {
  it('has the soundfont the tests need (Debian musescore-general-soundfont-small)', () => {
    expect(testSoundfontInstalled()).toBe(true);
  });

  it('refuses bytes that are not a soundfont', () => {
    expect(() => parseSoundBank(new TextEncoder().encode('RIFF not really a soundfont'))).toThrow(/soundfont/);
  });

  it('plays a GM program at the note pitch', async () => {
    const sampleRate = 44_100;
    const synth = await GmSynth.create(bank, { sampleRate });
    synth.assign(0, { kind: 'soundfont', program: 0, name: 'Acoustic Grand Piano' });
    synth.noteOn(0, 69, 100);
    const left = new Float32Array(sampleRate / 2);
    const right = new Float32Array(sampleRate / 2);
    synth.render(left, right, 0, left.length);
    synth.dispose();
    expect(rms(left)).toBeGreaterThan(0.01);
    expect(Math.abs(spectralPeak(left.subarray(2048, 2048 + 16_384), sampleRate, 50, 2000) - 440)).toBeLessThanOrEqual(3);
  });

  it('maps drum kit names to GM kit programs', () => {
    expect(drumKitProgram('Standard Kit')).toBe(0);
    expect(drumKitProgram('TR-808')).toBe(25);
    expect(drumKitProgram('Brushes')).toBe(40);
    expect(drumKitProgram('Mystery')).toBe(0);
  });
});

describe('renderSong (headless soundfont render)', () => {
  it('renders a soundfont track and a drum machine, for the song length plus the tail, under the ceiling', async () => {
    const snapshot = project(
      [
        track({ id: 'flute', kind: 'instrument', instrument: { kind: 'soundfont', program: 73, name: 'Flute' }, clips: [midiClip('c1', 'flute', 0, 2, [note(72, 0, 2, 110)])] }),
        track({ id: 'drums', kind: 'instrument', instrument: { kind: 'drums', kit: 'Standard' }, clips: [midiClip('c2', 'drums', 0, 2, [note(36, 0, 0.25, 120), note(38, 1, 0.25, 120)])] }),
      ],
      { bpm: 120 },
    );
    const r = await renderSong(snapshot, bank, { sampleRate: 44_100, tail: 1 });
    expect(r.tracks).toBe(2);
    expect(r.notes).toBe(3);
    expect(r.seconds).toBeCloseTo(2, 1);
    expect(r.channels[0].length).toBe(Math.round(2 * 44_100));
    const peak = Math.max(...r.channels.map((c) => c.reduce((m, v) => Math.max(m, Math.abs(v)), 0)));
    expect(peak).toBeGreaterThan(0.01);
    expect(peak).toBeLessThanOrEqual(10 ** (-1 / 20) + 1e-6);
    expect(r.issues).toEqual([]);
  });

  it('keeps muted tracks silent and reports what the headless path cannot play', async () => {
    const snapshot = project([
      track({ id: 'lead', kind: 'instrument', mute: true, instrument: { kind: 'synth', waveform: 'square', voices: 8 }, clips: [midiClip('c1', 'lead', 0, 1, [note(60, 0, 1)])] }),
    ]);
    const r = await renderSong(snapshot, bank, { sampleRate: 22_050, tail: 0.5 });
    expect(r.tracks).toBe(0);
    expect(r.channels[0].every((v) => v === 0)).toBe(true);
  });

  it('stops when aborted', async () => {
    const snapshot = project([
      track({ id: 'long', kind: 'instrument', instrument: { kind: 'soundfont', program: 48, name: 'Strings' }, clips: [midiClip('c1', 'long', 0, 200, [note(60, 0, 200)])] }),
    ]);
    const controller = new AbortController();
    controller.abort();
    await expect(renderSong(snapshot, bank, { signal: controller.signal })).rejects.toThrow(/cancelled/);
  });
});
