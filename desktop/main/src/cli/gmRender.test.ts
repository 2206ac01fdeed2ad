import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fingerprint, readWavStereo, type WavFingerprint } from './wavFingerprint';

const ROOT = resolve(import.meta.dirname, '..', '..', '..', '..');
const SF3 = '/usr/share/sounds/sf3/MuseScore_General_Lite.sf3';
const SONG = '/usr/share/planetblupi/music/music004.mid';
/**
 * The fingerprint (wavFingerprint.ts) of this song's render made before the speed work of issue 5
 * (the bundled CLI and render workers, the faster WAV encoder; `encore render music004.mid
 * --threads 2`, 2026-12-04): a speedup must not change the sound. A deliberate change of the
 * sound (the synth, the mixer) makes a new one: render the song and save `fingerprint()` of it.
 */
const REFERENCE = JSON.parse(readFileSync(join(import.meta.dirname, 'gmRender.music004.fingerprint.json'), 'utf8')) as WavFingerprint;

const dir = mkdtempSync(join(tmpdir(), 'encore-gm-render-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the `encore` command as a user does (bin/encore.js: the bundled CLI, bundled render workers). */
function encore(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'encore.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, out, err }));
  });
}

describe('encore render of a General MIDI song (planetblupi music004.mid, 602 s, 4 tracks)', () => {
  it('has the song and the soundfont (Debian planetblupi-music-midi, musescore-general-soundfont-small)', () => {
    expect(existsSync(SONG)).toBe(true);
    expect(existsSync(SF3)).toBe(true);
  });

  it('renders on worker threads to the whole song, not silent, sounding as the reference render', async () => {
    const wav = join(dir, 'music004.wav');
    const r = await encore(['render', SONG, '-o', wav, '--soundfont', SF3, '--sample-rate', '44100', '--threads', '2', '--json']);
    expect(r.code, r.out + r.err).toBe(0);
    const result = JSON.parse(r.out) as { seconds: number; tracks: number; notes: number; limited: boolean };
    expect(result).toMatchObject({ tracks: 4, notes: 12_295 });
    const { sampleRate, left, right } = readWavStereo(wav);
    expect(sampleRate).toBe(44_100);
    // The song's length plus the 2 s tail, to the frame.
    expect(left.length).toBe(REFERENCE.frames);
    expect(left.length).toBe(Math.round(result.seconds * sampleRate));
    const now = fingerprint(sampleRate, left, right);
    // Not silent: nearly every second of the song sounds on both sides.
    const sounding = now.rmsDb.filter(([l, r]) => l > -50 && r > -50).length;
    expect(sounding / now.rmsDb.length).toBeGreaterThan(0.9);
    // Per second and side, the level is the reference's within 0.1 dB (float sums in another
    // order move it by about 0.003 dB); silent seconds stay silent.
    let worstRms = 0;
    now.rmsDb.forEach((pair, s) =>
      pair.forEach((level, c) => {
        const ref = REFERENCE.rmsDb[s]![c]!;
        if (ref > -70 || level > -70) worstRms = Math.max(worstRms, Math.abs(level - ref));
      }),
    );
    expect(worstRms).toBeLessThanOrEqual(0.1);
    // The spectrum at eight pitches from 55 Hz to 7 kHz, every tenth second, within 0.5 dB.
    let worstBin = 0;
    now.spectrumDb.forEach((bins, k) =>
      bins.forEach((level, b) => {
        const ref = REFERENCE.spectrumDb[k]![b]!;
        if (ref > -90 || level > -90) worstBin = Math.max(worstBin, Math.abs(level - ref));
      }),
    );
    expect(worstBin).toBeLessThanOrEqual(0.5);
  }, 600_000);
});
