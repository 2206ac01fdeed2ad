/**
 * The studio's sound path on the real stack (browser mode, host, SQLite, exports folder) in
 * Chromium: create a project, add a synth track, draw an A4 melody in the piano roll, add a
 * reverb, play (the position advances from the audio clock), bounce to WAV and check the file
 * the host wrote: RIFF header, length, level and a spectral peak at the melody's 440 Hz.
 * Then the editors and files on the same project: an automation lane, a marker, the device
 * panel, project exports (.mid, .dawproject, .encore) read back from the exports folder, a
 * named version, importing the exported MIDI file (and refusing a corrupt one), and the trash;
 * a screenshot of each view in test-results/screenshots/.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { snap, startE2eStack, type Stack } from './stack';

let stack: Stack;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  stack = await startE2eStack();
  context = await stack.browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await stack?.close();
});

/** Interleaved samples of a PCM WAV as floats, with its format. */
function readWav(bytes: Buffer): { rate: number; channels: number; bits: number; frames: number; mono: Float32Array } {
  expect(bytes.toString('ascii', 0, 4)).toBe('RIFF');
  expect(bytes.toString('ascii', 8, 12)).toBe('WAVE');
  let at = 12;
  let fmt = { rate: 0, channels: 0, bits: 0 };
  for (;;) {
    const id = bytes.toString('ascii', at, at + 4);
    const size = bytes.readUInt32LE(at + 4);
    if (id === 'fmt ') fmt = { channels: bytes.readUInt16LE(at + 10), rate: bytes.readUInt32LE(at + 12), bits: bytes.readUInt16LE(at + 22) };
    if (id === 'data') {
      const bytesPer = fmt.bits / 8;
      const frames = size / (bytesPer * fmt.channels);
      const mono = new Float32Array(frames);
      for (let i = 0; i < frames; i++) {
        let sum = 0;
        for (let c = 0; c < fmt.channels; c++) {
          const p = at + 8 + (i * fmt.channels + c) * bytesPer;
          sum += bytesPer === 3 ? bytes.readIntLE(p, 3) / 2 ** 23 : bytesPer === 2 ? bytes.readInt16LE(p) / 2 ** 15 : bytes.readFloatLE(p);
        }
        mono[i] = sum / fmt.channels;
      }
      return { ...fmt, frames, mono };
    }
    at += 8 + size + (size % 2);
  }
}

/** The frequency (Hz) with the most energy in `x` between `lo` and `hi`, by Goertzel steps of 2 Hz. */
function spectralPeak(x: Float32Array, rate: number, lo: number, hi: number): number {
  let best = { hz: 0, power: -1 };
  for (let hz = lo; hz <= hi; hz += 2) {
    const w = (2 * Math.PI * hz) / rate;
    const coeff = 2 * Math.cos(w);
    let s1 = 0;
    let s2 = 0;
    for (let i = 0; i < x.length; i++) {
      const s = x[i]! + coeff * s1 - s2;
      s2 = s1;
      s1 = s;
    }
    const power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
    if (power > best.power) best = { hz, power };
  }
  return best.hz;
}

describe('studio e2e: from an empty project to a bounced WAV', () => {
  it('creates a project with a synth track and draws a melody in the piano roll', async () => {
    await page.goto(stack.appUrl);
    await page.getByTestId('nav-studio').click();
    await page.getByTestId('new-empty-project').click();
    await page.getByTestId('project-editor').waitFor({ timeout: 20_000 });
    await page.getByTestId('add-instrument-track').click();
    const lane = page.locator('[data-testid^="lane-"]').first();
    await lane.waitFor();
    const box = (await lane.boundingBox())!;
    await page.mouse.dblclick(box.x + 40, box.y + box.height / 2);
    const grid = page.getByTestId('note-grid');
    await grid.waitFor();
    // Bring A4 (MIDI 69, row 127 - 69 of 13 px) into view, then draw four quarter notes on it.
    await page.getByTestId('piano-roll-scroll').evaluate((el) => (el.scrollTop = (127 - 69) * 13 - 60));
    const g = (await grid.boundingBox())!;
    const y = g.y + (127 - 69) * 13 + 6;
    for (let beat = 0; beat < 4; beat++) await page.mouse.click(g.x + beat * 120 + 10, y);
    await expect.poll(() => grid.getAttribute('aria-label')).toMatch(/: 4$/);
    await snap(page, 'studio-1-melody');
  });

  it('adds a reverb to the track', async () => {
    await page.getByTestId('panel-tab-devices').click();
    await page.getByTestId('add-device').selectOption('reverb');
    await page.getByTestId('device-reverb').waitFor();
    await snap(page, 'studio-2-reverb');
  });

  it('plays: the position advances from the audio clock, and the mixer meters move', async () => {
    await page.getByTestId('panel-tab-mixer').click();
    const position = page.getByTestId('transport-position');
    // Double-clicking the lane put the playhead where the clip was created.
    const start = await position.textContent();
    await page.getByTestId('transport-play').click();
    await expect.poll(() => position.textContent(), { timeout: 10_000 }).not.toBe(start);
    await expect.poll(async () => Number(await page.locator('[data-testid^="meter-"]').first().getAttribute('aria-valuenow')), { timeout: 5000 }).toBeGreaterThan(-60);
    await snap(page, 'studio-3-playing');
    await page.keyboard.press('Space');
    await expect.poll(() => position.textContent()).toBe(start);
  });

  it('bounces to WAV into the exports folder: right length, audible, peak at 440 Hz', async () => {
    await page.getByTestId('open-export').click();
    await page.getByTestId('export-rate-44100').click();
    await page.getByTestId('export-depth-16').click();
    await snap(page, 'studio-4-export-dialog');
    await page.getByTestId('export-start').click();
    const status = page.getByTestId('export-status');
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 30_000 }).toBe('done');
    await snap(page, 'studio-5-exported');
    const fileName = (await page.getByTestId('export-saved').getAttribute('title'))!.replace('Saved in the exports folder as ', '');
    expect(fileName).toMatch(/\.wav$/);

    const wav = readWav(readFileSync(join(stack.dataDir, 'desktop', 'exports', fileName)));
    expect(wav).toMatchObject({ rate: 44_100, channels: 2, bits: 16 });
    // The pencil draws notes one grid step (1/16) long: the last one, on beat 4, ends at tick
    // 3120 = 1.625 s at 120 BPM; the bounce adds a 2 s tail.
    expect(Math.abs(wav.frames / wav.rate - 3.625)).toBeLessThan(0.05);
    const body = wav.mono.subarray(0, Math.round(1.625 * wav.rate));
    const rms = Math.sqrt(body.reduce((s, v) => s + v * v, 0) / body.length);
    expect(rms).toBeGreaterThan(0.01);
    const peak = spectralPeak(wav.mono.subarray(0, 16_384), wav.rate, 100, 2000);
    expect(Math.abs(peak - 440)).toBeLessThan(12);
  });
});

describe('studio e2e: editors and project files on the same project', () => {
  it('draws volume automation and adds a marker in the arrangement', async () => {
    await page.getByTestId('export-close').click();
    await page.getByTestId('panel-tab-clip').click();
    const header = page.locator('[data-testid^="track-header-"]').first();
    await header.getByRole('button', { name: /Automation lanes/ }).click();
    const lane = page.getByTestId('automation-lane-volume');
    await lane.waitFor();
    const box = (await lane.boundingBox())!;
    await page.mouse.click(box.x + 20, box.y + 10);
    await page.mouse.click(box.x + 140, box.y + box.height - 10);
    await expect.poll(() => lane.locator('[data-testid="automation-point"]').count()).toBe(2);
    await page.getByTestId('automation-curve').selectOption('exponential');
    await page.getByTestId('add-marker').click();
    await expect.poll(() => page.getByTestId('marker').count()).toBe(1);
    await snap(page, 'studio-6-automation-marker');
  });

  it('shows the instrument, presets and the compressor sidechain in the device panel', async () => {
    await page.getByTestId('panel-tab-devices').click();
    await page.getByTestId('add-device').selectOption('compressor');
    await page.getByTestId('sidechain-compressor').waitFor();
    await page.getByTestId('preset-compressor').selectOption('factory:Gentle');
    await page.getByTestId('instrument-kind').selectOption('soundfont');
    await page.getByTestId('instrument-program').selectOption('33');
    await snap(page, 'studio-7-devices');
  });

  it('exports the project as .mid, .dawproject and .encore into the exports folder', async () => {
    const exported: Record<string, string> = {};
    for (const format of ['midi', 'dawproject', 'encore']) {
      await page.getByTestId('file-menu').click();
      if (format === 'midi') await snap(page, 'studio-8-project-menu');
      await page.getByTestId(`export-${format}`).click();
      const status = page.getByTestId('file-status');
      await expect.poll(() => status.textContent(), { timeout: 20_000 }).toMatch(/Saved in the exports folder as /);
      exported[format] = (await status.textContent())!.replace(/^Saved in the exports folder as /, '').replace(/×$/, '');
    }
    const read = (name: string) => readFileSync(join(stack.dataDir, 'desktop', 'exports', name));
    expect(read(exported.midi!).toString('ascii', 0, 4)).toBe('MThd');
    expect(read(exported.dawproject!).toString('ascii', 0, 2)).toBe('PK');
    expect(read(exported.encore!).toString('ascii', 0, 2)).toBe('PK');
    expect(exported.midi).toMatch(/\.mid$/);
  });

  it('names a version of the project', async () => {
    await page.getByTestId('file-menu').click();
    await page.getByTestId('open-versions').click();
    await page.getByTestId('version-name').fill('First draft');
    await page.getByTestId('save-version').click();
    await page.getByTestId('version-First draft').waitFor();
    await snap(page, 'studio-9-versions');
    await page.getByRole('button', { name: 'Close versions' }).click();
  });

  it('imports the exported MIDI file as a new project and refuses a corrupt one, importing nothing', async () => {
    await page.getByTestId('back-to-projects').click();
    await page.getByTestId('projects-list').waitFor();
    const exportsDir = join(stack.dataDir, 'desktop', 'exports');
    const midi = (await import('node:fs')).readdirSync(exportsDir).find((f) => f.endsWith('.mid'))!;
    expect(existsSync(join(exportsDir, midi))).toBe(true);
    const before = await page.locator('[data-testid^="project-card-"]').count();
    await page.getByTestId('import-song-input').setInputFiles({ name: 'Corrupt.mid', mimeType: 'audio/midi', buffer: Buffer.from('MThd but not really') });
    await page.getByTestId('import-error').waitFor();
    expect(await page.getByTestId('import-error').textContent()).toMatch(/Could not import Corrupt\.mid/);
    await snap(page, 'studio-10-import-refused');
    expect(await page.locator('[data-testid^="project-card-"]').count()).toBe(before);
    await page.getByTestId('import-song-input').setInputFiles({ name: 'Melody.mid', mimeType: 'audio/midi', buffer: readFileSync(join(exportsDir, midi)) });
    await page.getByTestId('import-done').waitFor({ timeout: 20_000 });
    await page.getByTestId('project-card-Melody').waitFor();
    await snap(page, 'studio-11-imported');
    await page.getByTestId('open-imported').click();
    await page.getByTestId('project-editor').waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-testid^="track-header-"]').count()).toBe(1);
    await page.getByTestId('back-to-projects').click();
  });

  it('moves the imported project to the trash and restores it', async () => {
    await page.getByTestId('project-card-Melody').getByTestId('delete-project').click();
    await page.getByTestId('confirm-delete').click();
    await page.getByTestId('projects-tab-trash').click();
    await page.getByTestId('trash-item-Melody').waitFor();
    await snap(page, 'studio-12-trash');
    await page.getByTestId('trash-item-Melody').getByTestId('restore-project').click();
    await page.getByTestId('trash-empty').waitFor();
    await page.getByTestId('projects-tab-projects').click();
    await page.getByTestId('project-card-Melody').waitFor();
  });
});
