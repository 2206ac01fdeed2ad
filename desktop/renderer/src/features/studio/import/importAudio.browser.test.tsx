import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { createRoot } from 'react-dom/client';
import * as Y from 'yjs';
import { WORKLET_URLS } from '@encore/audio-engine/worklets/urls';
import { createHostClient } from '@encore/shared/host/client';
import { createMemoryHost } from '../../../host/testing/memoryHost';
import { StudioAudio } from '../audio/studioAudio';
import { ProjectEditor } from '../editor/ProjectEditor';
import { Transcoder } from '../export/transcoder';
import { createRecordSettings } from '../record/recordSettings';
import { importAudio } from './importAudio';
import { peaksStore } from './peaksStore';
import { StudioMediaProvider } from './StudioMediaContext';
import { emptySession, fileOf, toneWav } from './testing';
import { blobUploader } from './uploadBlob';

const cleanup: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

function mount(prepare?: (session: ReturnType<typeof emptySession>) => void) {
  const session = emptySession();
  prepare?.(session);
  const memory = createMemoryHost();
  const host = createHostClient(memory.link);
  const audio = new StudioAudio(session, { worklets: WORKLET_URLS, fetcher: () => Promise.reject(new Error('no assets in this test')) });
  const container = document.createElement('div');
  container.style.cssText = 'height: 800px; width: 1280px; position: relative;';
  document.body.append(container);
  const root = createRoot(container);
  const media = { settings: createRecordSettings(null) };
  root.render(
    <StudioMediaProvider host={host} media={media}>
      <ProjectEditor session={session} audio={audio} />
    </StudioMediaProvider>,
  );
  cleanup.push(async () => {
    root.unmount();
    await audio.dispose();
    session.dispose();
    container.remove();
  });
  return { session, memory };
}

const tracks = (s: ReturnType<typeof emptySession>) => s.store.getState().snapshot.tracks;

/** Drops files on an element at its centre, as a drag from the desktop would. */
function dropOn(el: Element, files: File[], y = 0.5) {
  const box = el.getBoundingClientRect();
  const dataTransfer = new DataTransfer();
  for (const f of files) dataTransfer.items.add(f);
  const at = { clientX: box.left + box.width / 2, clientY: box.top + box.height * y, bubbles: true, cancelable: true, dataTransfer };
  el.dispatchEvent(new DragEvent('dragover', at));
  el.dispatchEvent(new DragEvent('drop', at));
}

describe('importing audio', () => {
  it('imports a WAV from the Import button: a new track with a clip of its length, its peaks, and the bytes in the host blob store', async () => {
    const { session, memory } = mount();
    const wav = toneWav({ seconds: 1.5, amplitude: 0.5 });
    await userEvent.upload(page.getByTestId('import-audio-input'), fileOf(wav, 'tone.wav', 'audio/wav'));
    await expect.element(page.getByTestId('clip-tone.wav')).toBeVisible();
    const [track] = tracks(session);
    expect(track).toMatchObject({ name: 'tone', kind: 'audio' });
    const clip = track!.clips[0]!;
    // 1.5 s at 120 BPM is three beats.
    expect(clip).toMatchObject({ kind: 'audio', start: 0, length: 2880, sourceOffset: 0 });
    const asset = session.store.getState().snapshot.assets[0]!;
    expect(asset).toMatchObject({ name: 'tone.wav', mimeType: 'audio/wav', byteLength: wav.byteLength, sampleRate: 44_100, channels: 2 });
    expect(asset.durationSeconds).toBeCloseTo(1.5, 3);
    expect(memory.projects.blobs.get(asset.hash)).toEqual(wav);
    const columns = peaksStore.getState().columns[asset.hash]!;
    expect(columns.length).toBe(150);
    expect(Math.min(...columns)).toBeGreaterThan(0.45);
    expect(Math.max(...columns)).toBeLessThan(0.55);
    // One undo step takes back track, asset and clip together.
    session.undo.undo();
    expect(tracks(session)).toHaveLength(0);
  });

  it('imports an AIFF dropped on an audio track through ffmpeg.wasm, at the drop position; the same content is stored once', async () => {
    const { session, memory } = mount((s) => s.api.createTrack({ kind: 'audio', name: 'Loops' }));
    const ff = await Transcoder.start();
    const aiff = await ff.encode(toneWav({ seconds: 1, sampleRate: 48_000, channels: 1, amplitude: 0.8 }), ['-c:a', 'pcm_s16be'], 'tone.aiff');
    ff.dispose();
    expect(new TextDecoder().decode(aiff.subarray(8, 12))).toBe('AIFF');
    dropOn(page.getByTestId('lane-Loops').element(), [fileOf(aiff, 'tone.aiff')]);
    await expect.poll(() => tracks(session)[0]?.clips.length, { timeout: 20_000 }).toBe(1);
    const clip = tracks(session)[0]!.clips[0]!;
    expect(clip.start).toBeGreaterThan(0);
    expect(clip.length).toBe(1920);
    const asset = session.store.getState().snapshot.assets[0]!;
    expect(asset).toMatchObject({ mimeType: 'audio/aiff', sampleRate: 48_000, channels: 1 });
    expect(asset.durationSeconds).toBeCloseTo(1, 3);
    expect(Math.max(...peaksStore.getState().columns[asset.hash]!)).toBeGreaterThan(0.75);
    expect(memory.projects.blobs.get(asset.hash)).toEqual(aiff);

    // Below the last lane: a new track.
    dropOn(page.getByTestId('arrangement-scroll').element(), [fileOf(aiff, 'again.aiff')], 0.9);
    await expect.poll(() => tracks(session).length, { timeout: 20_000 }).toBe(2);
    expect(memory.callsTo('projects.blobs.chunk')).toHaveLength(1);
  });

  it('refuses corrupt, truncated, mislabeled and oversized files with a message, leaving the project and the blob store as they were', async () => {
    const { session, memory } = mount((s) => s.api.createTrack({ kind: 'audio', name: 'Vox' }));
    const before = Y.encodeStateAsUpdate(session.doc);
    const wav = toneWav({ seconds: 0.5 });
    const corrupt = wav.slice();
    // An unknown codec tag and zero channels in the format chunk: no decoder makes sense of it.
    new DataView(corrupt.buffer).setUint16(20, 0x7777, true);
    new DataView(corrupt.buffer).setUint16(22, 0, true);
    const cases: [File, RegExp][] = [
      [fileOf(new TextEncoder().encode('Shopping list: eggs, milk, a better microphone'), 'song.wav'), /not an audio file/],
      [fileOf(wav.subarray(0, wav.length - 4000), 'cut.wav'), /truncated/],
      [fileOf(corrupt, 'broken.wav'), /damaged/],
    ];
    for (const [file, message] of cases) {
      await userEvent.upload(page.getByTestId('import-audio-input'), file);
      await expect.element(page.getByTestId('import-error'), { timeout: 20_000 }).toHaveTextContent(message);
      await userEvent.click(page.getByTestId('import-error').getByRole('button', { name: 'Dismiss' }));
    }
    // A 2 GB file is refused by its size, before a byte of it is read.
    const huge = fileOf(wav, 'huge.wav');
    let read = false;
    Object.defineProperty(huge, 'size', { value: 2 * 1024 ** 3 });
    Object.defineProperty(huge, 'arrayBuffer', { value: () => ((read = true), Promise.reject(new Error('must not be read'))) });
    const refused = importAudio(huge, { session, upload: blobUploader(createHostClient(memory.link)), context: new OfflineAudioContext(1, 1, 48_000), trackId: null, start: 0 });
    await expect(refused).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/huge.wav is too large to import \(2.0 GB/) });
    expect(read).toBe(false);
    expect(Y.encodeStateAsUpdate(session.doc)).toEqual(before);
    expect(memory.projects.blobs.size).toBe(0);
    expect(memory.callsTo('projects.blobs.begin')).toHaveLength(0);
  });
});
