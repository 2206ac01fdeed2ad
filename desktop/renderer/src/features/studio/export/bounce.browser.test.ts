import { afterEach, describe, expect, it } from 'vitest';
import { WORKLET_URLS } from '@encore/audio-engine/worklets/urls';
import { melodySession, rms } from '../audio/melodyProject.testing';
import { bounce, type BounceProgress } from './bounce';
import { DEFAULT_EXPORT_SETTINGS, type ExportSettings } from './exportSettings';
import { Transcoder } from './transcoder';

const cleanup: (() => void)[] = [];
afterEach(() => cleanup.splice(0).forEach((fn) => fn()));

function project() {
  const m = melodySession();
  cleanup.push(() => m.session.dispose());
  return m;
}

const run = (settings: Partial<ExportSettings>, extra: { signal?: AbortSignal; onProgress?: (p: BounceProgress) => void } = {}) => {
  const { session } = project();
  return bounce(session.store.getState().snapshot, 'Melody', { ...DEFAULT_EXPORT_SETTINGS, ...settings }, { worklets: WORKLET_URLS, buffers: new Map(), signal: extra.signal ?? null, onProgress: extra.onProgress ?? null });
};

async function decode(bytes: Uint8Array): Promise<AudioBuffer> {
  const context = new OfflineAudioContext(2, 1, 48_000);
  return context.decodeAudioData(bytes.slice().buffer);
}

const channels = (b: AudioBuffer) => Array.from({ length: b.numberOfChannels }, (_, c) => b.getChannelData(c));
// The last note ends at 3.875 s (tick 7440 at 120 BPM); the renderer adds a 2 s tail.
const SONG = 3.875 + 2;

describe('bounce', () => {
  it('writes a 24-bit WAV of the whole song with sound in it, reporting render and encode progress', async () => {
    const phases = new Set<string>();
    const { files } = await run({ format: 'wav', bitDepth: 24, sampleRate: 44_100 }, { onProgress: (p) => phases.add(p.phase) });
    expect(files).toHaveLength(1);
    const wav = files[0]!;
    expect(wav.fileName).toBe('Melody.wav');
    expect(new TextDecoder().decode(wav.bytes.subarray(0, 4))).toBe('RIFF');
    const view = new DataView(wav.bytes.buffer, wav.bytes.byteOffset);
    expect(view.getUint32(24, true)).toBe(44_100);
    expect(view.getUint16(34, true)).toBe(24);
    const audio = await decode(wav.bytes);
    expect(Math.abs(audio.duration - SONG)).toBeLessThan(1e-3);
    expect(wav.duration).toBeCloseTo(SONG, 3);
    expect(rms(channels(audio))).toBeGreaterThan(0.01);
    expect([...phases]).toEqual(['render', 'encode']);
  });

  it('writes one stem per track and the loop alone', async () => {
    const stems = await run({ scope: 'stems', format: 'wav', bitDepth: '32f' });
    expect(stems.files.map((f) => f.fileName)).toEqual(['Melody - 01 Synth.wav']);
    const loop = await run({ scope: 'loop', format: 'wav', bitDepth: 16, sampleRate: 96_000 });
    expect(loop.files[0]!.fileName).toBe('Melody (loop).wav');
    expect(loop.files[0]!.duration).toBeCloseTo(2, 3);
  });

  for (const format of ['mp3', 'opus', 'flac'] as const) {
    it(`encodes ${format} with ffmpeg.wasm into a file the browser decodes back to the same length`, async () => {
      const { files } = await run({ format, bitrate: 128, bitDepth: 16, sampleRate: 48_000 });
      const file = files[0]!;
      expect(file.fileName).toBe(`Melody.${format}`);
      const audio = await decode(file.bytes);
      expect(Math.abs(audio.duration - SONG)).toBeLessThan(0.05);
      expect(rms(channels(audio))).toBeGreaterThan(0.01);
    });
  }

  it('stops when cancelled during the render', async () => {
    const controller = new AbortController();
    const done = run({ format: 'wav' }, { signal: controller.signal, onProgress: (p) => p.fraction > 0.1 && controller.abort() });
    await expect(done).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('terminates the ffmpeg worker when cancelled during the encode', async () => {
    const controller = new AbortController();
    const done = run({ format: 'mp3' }, { signal: controller.signal, onProgress: (p) => p.phase === 'encode' && controller.abort() });
    await expect(done).rejects.toMatchObject({ name: 'AbortError' });
    const ff = Transcoder.start(controller.signal);
    await expect(ff).rejects.toMatchObject({ name: 'AbortError' });
  });
});
