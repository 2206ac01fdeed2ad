import { spectralPeak } from '../dsp/testSignals';
import { describe, expect, it } from 'vitest';
import { drumKitProgram, GmSynth, parseSoundBank } from './gmSynth';
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
