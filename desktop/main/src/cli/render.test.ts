import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Midi } from '@tonejs/midi';
import { spectralPeak } from '@encore/audio-engine/dsp/testSignals';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './main';

const SF3 = '/usr/share/sounds/sf3/MuseScore_General_Lite.sf3';
const dir = mkdtempSync(join(tmpdir(), 'encore-render-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

/** A one-track song: `pitch` on a GM flute for `seconds`, then a second note an octave up on a piano track. */
function song(pitch: number, seconds: number): Uint8Array {
  const midi = new Midi();
  midi.header.setTempo(120);
  const flute = midi.addTrack();
  flute.name = 'Flute';
  flute.channel = 0;
  flute.instrument.number = 73;
  flute.addNote({ midi: pitch, time: 0, duration: seconds, velocity: 0.8 });
  return midi.toArray();
}

/** Reads a 24-bit (or, with `depth`, 16-bit) PCM WAV as its first channel. */
function readWav(path: string, depth: 16 | 24 = 24): { sampleRate: number; channels: number; left: Float32Array } {
  const b = readFileSync(path);
  expect(b.toString('ascii', 0, 4)).toBe('RIFF');
  let at = 12;
  let sampleRate = 0;
  let channels = 0;
  let bits = 0;
  while (at < b.length) {
    const id = b.toString('ascii', at, at + 4);
    const size = b.readUInt32LE(at + 4);
    if (id === 'fmt ') {
      channels = b.readUInt16LE(at + 10);
      sampleRate = b.readUInt32LE(at + 12);
      bits = b.readUInt16LE(at + 22);
    } else if (id === 'data') {
      expect(bits).toBe(depth);
      const bytes = depth / 8;
      const frames = size / (bytes * channels);
      const left = new Float32Array(frames);
      for (let i = 0; i < frames; i++) left[i] = b.readIntLE(at + 8 + i * bytes * channels, bytes) / 2 ** (depth - 1);
      return { sampleRate, channels, left };
    }
    at += 8 + size + (size % 2);
  }
  throw new Error('no data chunk');
}


const midiNotes = (path: string) =>
  new Midi(readFileSync(path)).tracks.flatMap((t) => t.notes.map((n) => ({ midi: n.midi, ticks: n.ticks, durationTicks: n.durationTicks })));

const leftovers = () => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

describe('encore render', () => {
  const mid = join(dir, 'a4.mid');
  writeFileSync(mid, song(69, 1.5));

  it('has the soundfont the tests need (Debian musescore-general-soundfont-small)', () => {
    expect(existsSync(SF3)).toBe(true);
  });

  it('renders a .mid to a WAV of the song length plus the tail, sounding at the note pitch, with --json', async () => {
    const wav = join(dir, 'a4.wav');
    const r = await run('render', mid, '-o', wav, '--soundfont', SF3, '--json');
    expect(r.code, r.out).toBe(0);
    const result = JSON.parse(r.out) as { output: string; format: string; seconds: number; tracks: number; notes: number; soundfont: string; realtimeFactor: number };
    expect(result).toMatchObject({ output: wav, format: 'wav', tracks: 1, notes: 1, soundfont: SF3 });
    expect(r.err).toContain('rendering 100%');
    const { sampleRate, channels, left } = readWav(wav);
    expect(channels).toBe(2);
    expect(left.length / sampleRate).toBeCloseTo(1.5 + 2, 2);
    expect(spectralPeak(left.subarray(4410, 4410 + 32_768), sampleRate, 100, 2000)).toBeGreaterThanOrEqual(437);
    expect(spectralPeak(left.subarray(4410, 4410 + 32_768), sampleRate, 100, 2000)).toBeLessThanOrEqual(443);
    // After the note and its release, the tail fades out.
    const rms = (x: Float32Array) => Math.sqrt(x.reduce((a, v) => a + v * v, 0) / x.length);
    expect(rms(left.subarray(0, sampleRate))).toBeGreaterThan(20 * rms(left.subarray(left.length - 4410)));
  });

  it('writes 16-bit WAV with --bit-depth 16 (the same sound as 24-bit, to its resolution) and refuses other depths', async () => {
    const wav16 = join(dir, 'a4-16.wav');
    const wav24 = join(dir, 'a4-24.wav');
    expect((await run('render', mid, '-o', wav16, '--soundfont', SF3, '--bit-depth', '16')).code).toBe(0);
    expect((await run('render', mid, '-o', wav24, '--soundfont', SF3)).code).toBe(0);
    const a = readWav(wav16, 16).left;
    const b = readWav(wav24).left;
    expect(a.length).toBe(b.length);
    // Dithered 16-bit: within a few LSB of the 24-bit file, sample by sample.
    let worst = 0;
    for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
    expect(worst).toBeLessThan(3 / 32768);
    expect(Math.max(...a.subarray(4410, 44_100).map(Math.abs))).toBeGreaterThan(0.01);
    const bad = await run('render', mid, '-o', join(dir, 'a4-20.wav'), '--soundfont', SF3, '--bit-depth', '20', '--json');
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('--bit-depth must be 16 or 24');
    expect(existsSync(join(dir, 'a4-20.wav'))).toBe(false);
  });

  it('renders to FLAC through ffmpeg', async () => {
    const flac = join(dir, 'a4.flac');
    const r = await run('render', mid, '-o', flac, '--soundfont', SF3, '--json');
    expect(r.code, r.out).toBe(0);
    expect(readFileSync(flac).toString('ascii', 0, 4)).toBe('fLaC');
  });

  it('renders a project file and a DAWproject converted from the .mid', async () => {
    for (const ext of ['encore', 'dawproject']) {
      const song = join(dir, `a4.${ext}`);
      expect((await run('convert', mid, song)).code).toBe(0);
      const wav = join(dir, `from-${ext}.wav`);
      const r = await run('render', song, '-o', wav, '--soundfont', SF3, '--json');
      expect(r.code, r.out).toBe(0);
      expect(JSON.parse(r.out)).toMatchObject({ inputFormat: ext === 'encore' ? 'encore' : 'dawproject', notes: 1 });
      const { sampleRate, left } = readWav(wav);
      expect(left.length / sampleRate).toBeCloseTo(3.5, 2);
      expect(Math.abs(spectralPeak(left.subarray(4410, 4410 + 32_768), sampleRate, 100, 2000) - 440)).toBeLessThanOrEqual(3);
    }
  });

  it('renders the same on worker threads as on one thread (a 25 s, 2-track song)', async () => {
    const long = new Midi();
    long.header.setTempo(120);
    for (const [channel, program, base] of [[0, 0, 60], [1, 48, 48]] as const) {
      const t = long.addTrack();
      t.channel = channel;
      t.instrument.number = program;
      for (let i = 0; i < 50; i++) t.addNote({ midi: base + (i % 12), time: i / 2, duration: 0.4, velocity: 0.7 });
    }
    const path = join(dir, 'long.mid');
    writeFileSync(path, long.toArray());
    const outs = [];
    for (const threads of ['1', '2']) {
      const wav = join(dir, `long-${threads}.wav`);
      const r = await run('render', path, '-o', wav, '--soundfont', SF3, '--threads', threads, '--json');
      expect(r.code, r.out).toBe(0);
      expect(JSON.parse(r.out)).toMatchObject({ tracks: 2, notes: 100 });
      outs.push(readWav(wav).left);
    }
    const [one, two] = outs as [Float32Array, Float32Array];
    expect(two.length).toBe(one.length);
    let worst = 0;
    for (let i = 0; i < one.length; i++) worst = Math.max(worst, Math.abs(one[i]! - two[i]!));
    // Float sums in another order: at most a step of the 24-bit quantiser apart.
    expect(worst).toBeLessThanOrEqual(2 / 8388608);
    expect(Math.sqrt(one.reduce((a, v) => a + v * v, 0) / one.length)).toBeGreaterThan(0.01);
  }, 300_000);

  it('fails with a clear message, exit code 1 and no output file on bad input', async () => {
    const corrupt = join(dir, 'corrupt.mid');
    writeFileSync(corrupt, Buffer.concat([Buffer.from('MThd\0\0\0\x06\0\x01\0\x01\x01\xe0MTrk\0\0\0\x40'), Buffer.from([0x00, 0x90, 0x45])]));
    const cases: [string[], RegExp][] = [
      [['render', corrupt, '-o', join(dir, 'corrupt.wav'), '--soundfont', SF3], /MIDI file is corrupt|corrupt|truncated/i],
      [['render', join(dir, 'song.xyz'), '-o', join(dir, 'xyz.wav'), '--soundfont', SF3], /unknown song format "\.xyz"/],
      [['render', mid, '-o', join(dir, 'out.ogg'), '--soundfont', SF3], /unknown audio format "\.ogg"/],
      [['render', mid, '-o', join(dir, 'nosf.wav'), '--soundfont', join(dir, 'missing.sf2')], /soundfont .*missing\.sf2 does not exist/],
      [['render', mid, '-o', join(dir, 'badsf.wav'), '--soundfont', mid], /not a readable SF2\/SF3 soundfont/],
      [['render', join(dir, 'absent.mid'), '-o', join(dir, 'absent.wav'), '--soundfont', SF3], /absent\.mid: no such file/],
      [['render', mid, '-o', join(dir, 'no-such-folder', 'out.wav'), '--soundfont', SF3], /cannot write .*out\.wav: its folder does not exist/],
      [['convert', corrupt, join(dir, 'corrupt.encore')], /corrupt|truncated/i],
      [['convert', mid, join(dir, 'song.txt')], /unknown song format "\.txt"/],
      [['render', mid], /usage: encore render/],
    ];
    for (const [argv, message] of cases) {
      const r = await run(...argv);
      expect(r.code, argv.join(' ')).toBe(1);
      expect(r.out, argv.join(' ')).toMatch(message);
    }
    for (const f of ['corrupt.wav', 'xyz.wav', 'out.ogg', 'nosf.wav', 'badsf.wav', 'absent.wav', 'corrupt.encore', 'song.txt']) expect(existsSync(join(dir, f)), f).toBe(false);
    expect(leftovers()).toEqual([]);
    const json = await run('render', join(dir, 'song.xyz'), '-o', join(dir, 'x.wav'), '--json');
    expect(JSON.parse(json.out)).toMatchObject({ error: { code: 'BAD_REQUEST' } });
  }, 300_000);
});

describe('encore convert', () => {
  const mid = join(dir, 'chord.mid');
  const m = new Midi();
  m.header.setTempo(100);
  const piano = m.addTrack();
  piano.channel = 0;
  piano.instrument.number = 0;
  for (const [i, p] of [60, 64, 67].entries()) piano.addNote({ midi: p, ticks: i * 480, durationTicks: 480, velocity: 0.7 });
  const drums = m.addTrack();
  drums.channel = 9;
  drums.addNote({ midi: 36, ticks: 0, durationTicks: 120, velocity: 0.9 });
  writeFileSync(mid, m.toArray());

  it('round-trips notes between .mid, .encore and .dawproject', async () => {
    const chain = ['chord.encore', 'chord.dawproject', 'chord-from-dp.encore', 'chord-back.mid'].map((f) => join(dir, f));
    let from = mid;
    for (const to of chain) {
      const r = await run('convert', from, to, '--json');
      expect(r.code, r.out).toBe(0);
      expect(JSON.parse(r.out)).toMatchObject({ tracks: 2, notes: 4 });
      from = to;
    }
    const sort = (n: ReturnType<typeof midiNotes>) => [...n].sort((a, b) => a.ticks - b.ticks || a.midi - b.midi);
    const scale = new Midi(readFileSync(chain[3]!)).header.ppq / 480;
    expect(sort(midiNotes(chain[3]!))).toEqual(sort(midiNotes(mid)).map((n) => ({ midi: n.midi, ticks: n.ticks * scale, durationTicks: n.durationTicks * scale })));
    const back = new Midi(readFileSync(chain[3]!));
    expect(back.tracks.some((t) => t.channel === 9)).toBe(true);
    expect(back.tracks.find((t) => t.channel !== 9)?.instrument.number).toBe(0);
    expect(leftovers()).toEqual([]);
  });
});
