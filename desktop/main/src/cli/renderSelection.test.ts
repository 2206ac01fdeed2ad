import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Midi } from '@tonejs/midi';
import { spectralPeak } from '@encore/audio-engine/dsp/testSignals';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './main';

const SF3 = '/usr/share/sounds/sf3/MuseScore_General_Lite.sf3';
const dir = mkdtempSync(join(tmpdir(), 'encore-render-sel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

/** A 24-bit PCM WAV's sample rate, channel count and channels. */
function readWav(path: string): { sampleRate: number; channels: Float32Array[] } {
  const b = readFileSync(path);
  let at = 12;
  let sampleRate = 0;
  let count = 0;
  while (at < b.length) {
    const id = b.toString('ascii', at, at + 4);
    const size = b.readUInt32LE(at + 4);
    if (id === 'fmt ') {
      count = b.readUInt16LE(at + 10);
      sampleRate = b.readUInt32LE(at + 12);
    } else if (id === 'data') {
      const frames = size / (3 * count);
      const channels = Array.from({ length: count }, () => new Float32Array(frames));
      for (let i = 0; i < frames; i++) for (let c = 0; c < count; c++) channels[c]![i] = b.readIntLE(at + 8 + (i * count + c) * 3, 3) / 8388608;
      return { sampleRate, channels };
    }
    at += 8 + size + (size % 2);
  }
  throw new Error('no data chunk');
}

const rms = (x: Float32Array) => Math.sqrt(x.reduce((a, v) => a + v * v, 0) / Math.max(1, x.length));
const seconds = (x: Float32Array, sr: number, from: number, to: number) => x.subarray(Math.round(from * sr), Math.round(to * sr));

describe('encore render: stems and selection', () => {
  // 120 bpm 4/4: a flute A4 over bar 1 (0-1.5 s), a clarinet E5 over bar 2 (2-3.5 s).
  const mid = join(dir, 'duo.mid');
  const m = new Midi();
  m.header.setTempo(120);
  for (const [channel, program, pitch, time, name] of [[0, 73, 69, 0, 'Flute'], [1, 71, 76, 2, 'Clarinet']] as const) {
    const t = m.addTrack();
    t.name = name;
    t.channel = channel;
    t.instrument.number = program;
    t.addNote({ midi: pitch, time, duration: 1.5, velocity: 0.8 });
  }
  writeFileSync(mid, m.toArray());

  it('writes one file per track beside the mix, each its track alone', async () => {
    const stems = join(dir, 'stems');
    const mix = join(dir, 'duo.wav');
    const r = await run('render', mid, '-o', mix, '--stems', stems, '--soundfont', SF3, '--json');
    expect(r.code, r.out).toBe(0);
    const result = JSON.parse(r.out) as { output: string; stems: { track: string; output: string }[]; seconds: number };
    expect(result.output).toBe(mix);
    expect(result.stems).toHaveLength(2);
    expect(readdirSync(stems).sort()).toEqual(result.stems.map((s) => s.output.slice(stems.length + 1)).sort());
    for (const s of result.stems) expect(s.output).toMatch(/duo - 0[12] .+\.wav$/);
    const [flute, clarinet] = result.stems.map((s) => readWav(s.output));
    const whole = readWav(mix);
    const sr = whole.sampleRate;
    expect(flute!.channels[0]!.length).toBe(whole.channels[0]!.length);
    expect(flute!.channels).toHaveLength(2);
    // Each stem plays its own note only: the flute in the first second, the clarinet from 2 s.
    expect(Math.abs(spectralPeak(seconds(flute!.channels[0]!, sr, 0.2, 1), sr, 200, 1000) - 440)).toBeLessThan(4);
    expect(rms(seconds(clarinet!.channels[0]!, sr, 0.2, 1))).toBeLessThan(1e-4);
    expect(Math.abs(spectralPeak(seconds(clarinet!.channels[0]!, sr, 2.2, 3), sr, 200, 1000) - 659.3)).toBeLessThan(5);
    expect(rms(seconds(flute!.channels[0]!, sr, 2.5, 3))).toBeLessThan(0.1 * rms(seconds(clarinet!.channels[0]!, sr, 2.5, 3)));
  }, 300_000);

  it('renders a selection given in seconds or in bars:beats, sounding as in the whole song', async () => {
    const whole = join(dir, 'whole.wav');
    expect((await run('render', mid, '-o', whole, '--soundfont', SF3)).code).toBe(0);
    const full = readWav(whole);
    const sr = full.sampleRate;
    const part = join(dir, 'part.wav');
    const r = await run('render', mid, '-o', part, '--from', '1', '--to', '2.5', '--soundfont', SF3, '--json');
    expect(r.code, r.out).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ from: 1, to: 2.5, seconds: 1.5 });
    const sel = readWav(part).channels[0]!;
    expect(sel.length).toBe(Math.round(1.5 * sr));
    // The same frames as the whole render's 1-2.5 s (the master limiter sees the same past).
    const same = seconds(full.channels[0]!, sr, 1, 2.5);
    let worst = 0;
    for (let i = 0; i < sel.length; i++) worst = Math.max(worst, Math.abs(sel[i]! - same[i]!));
    expect(worst).toBeLessThanOrEqual(2 / 8388608);
    // Bar 2 beat 1 to bar 3 beat 1: 2 s to 4 s, the clarinet's note.
    const bars = join(dir, 'bars.wav');
    const b = await run('render', mid, '-o', bars, '--from', '2:1', '--to', '3:1', '--soundfont', SF3, '--json');
    expect(b.code, b.out).toBe(0);
    expect(JSON.parse(b.out)).toMatchObject({ from: 2, to: 4 });
    const clarinet = readWav(bars).channels[0]!;
    expect(clarinet.length).toBe(2 * sr);
    expect(Math.abs(spectralPeak(clarinet.subarray(sr / 10, sr), sr, 200, 1000) - 659.3)).toBeLessThan(5);
  }, 300_000);

  it('refuses empty or unreadable selections and a render with nothing to write; documents the options', async () => {
    const cases: [string[], RegExp][] = [
      [['render', mid, '-o', join(dir, 'e.wav'), '--from', '3', '--to', '2', '--soundfont', SF3], /selection is empty/],
      [['render', mid, '-o', join(dir, 'e.wav'), '--from', 'soon', '--soundfont', SF3], /--from must be seconds .* or bars:beats/],
      [['render', mid, '--soundfont', SF3], /usage: encore render/],
    ];
    for (const [argv, message] of cases) {
      const r = await run(...argv);
      expect(r.code, argv.join(' ')).toBe(1);
      expect(r.out, argv.join(' ')).toMatch(message);
    }
    expect(readdirSync(dir).filter((f) => f.startsWith('e.wav'))).toEqual([]);
    const help = await run('render', '--help');
    expect(help.code).toBe(0);
    for (const option of ['--stems <dir>', '--from <time>', '--to <time>', 'bars:beats']) expect(help.out).toContain(option);
  });
});
