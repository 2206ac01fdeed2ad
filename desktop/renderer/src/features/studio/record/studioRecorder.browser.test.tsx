import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { createRoot } from 'react-dom/client';
import { RECORDER_WORKLET_URL, WORKLET_URLS } from '@encore/audio-engine/worklets/urls';
import { createHostClient } from '@encore/shared/host/client';
import { ticks } from '@encore/shared/units';
import { createMemoryHost } from '../../../host/testing/memoryHost';
import { rms } from '../audio/melodyProject.testing';
import { StudioAudio } from '../audio/studioAudio';
import { ProjectEditor } from '../editor/ProjectEditor';
import { StudioMediaProvider } from '../import/StudioMediaContext';
import { emptySession } from '../import/testing';
import { blobUploader } from '../import/uploadBlob';
import { createEditorCommands } from '../model/editorCommands';
import { createEditorStore } from '../model/editorStore';
import { detectOnset, onFrame } from './latency';
import { createRecordSettings } from './recordSettings';
import { StudioRecorder } from './studioRecorder';

const cleanup: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function setup(kind: 'audio' | 'instrument', name: string) {
  const session = emptySession();
  const trackId = session.api.createTrack({ kind, name });
  session.api.setArm({ trackId, value: true });
  const memory = createMemoryHost();
  const audio = new StudioAudio(session, { worklets: WORKLET_URLS, fetcher: () => Promise.reject(new Error('no assets in this test')) });
  cleanup.push(async () => {
    await audio.dispose();
    session.dispose();
  });
  return { session, trackId, memory, audio, host: createHostClient(memory.link) };
}

function mount(s: ReturnType<typeof setup>, settings = createRecordSettings(null)) {
  const container = document.createElement('div');
  container.style.cssText = 'height: 800px; width: 1280px; position: relative;';
  document.body.append(container);
  const root = createRoot(container);
  const media = { settings };
  root.render(
    <StudioMediaProvider host={s.host} media={media}>
      <ProjectEditor session={s.session} audio={s.audio} />
    </StudioMediaProvider>,
  );
  cleanup.push(() => {
    root.unmount();
    container.remove();
  });
}

/** Decodes a stored WAV at its own rate (no resampling). */
async function decodeBlob(bytes: Uint8Array, sampleRate: number): Promise<AudioBuffer> {
  return new OfflineAudioContext(1, 1, sampleRate).decodeAudioData(bytes.slice().buffer);
}

describe('recording', () => {
  it('records 2 s from the microphone into the armed audio track as a take', async () => {
    const s = setup('audio', 'Vox');
    mount(s);
    await userEvent.click(page.getByTestId('transport-record'));
    await expect.element(page.getByTestId('transport-record')).toHaveAttribute('aria-pressed', 'true');
    await sleep(2000);
    await userEvent.click(page.getByTestId('transport-record'));
    await expect.poll(() => s.session.store.getState().snapshot.tracks[0]?.clips.length, { timeout: 10_000 }).toBe(1);
    const { snapshot, tempoMap } = s.session.store.getState();
    const track = snapshot.tracks[0]!;
    const clip = track.clips[0]!;
    expect(clip.kind).toBe('audio');
    if (clip.kind !== 'audio') return;
    expect(clip.takeId).not.toBeNull();
    expect(track.activeTakeId).toBe(clip.takeId);
    expect(track.takes.map((t) => t.name)).toEqual(['Take 1']);
    const seconds = tempoMap.secondsBetween(ticks(clip.start), ticks(clip.start + clip.length)) as number;
    expect(seconds).toBeGreaterThan(1.7);
    expect(seconds).toBeLessThan(2.4);
    const bytes = s.memory.projects.blobs.get(clip.assetHash)!;
    const asset = snapshot.assets.find((a) => a.hash === clip.assetHash)!;
    const recorded = await decodeBlob(bytes, asset.sampleRate);
    // Chromium's fake microphone beeps: the take is not silence.
    expect(rms([recorded.getChannelData(0)])).toBeGreaterThan(0.01);
    await expect.element(page.getByTestId('clip-Vox rec')).toBeVisible();
  });

  it('measures the round trip through a loopback and places recorded audio within 1 ms of the truth', async () => {
    const s = setup('audio', 'Loop');
    const { audio, session } = s;
    const editor = createEditorStore();
    const commands = createEditorCommands(session, editor, audio.clock);
    cleanup.push(audio.attach(editor));
    await audio.context.resume();
    // The device round trip, played by an in-graph delay: output → 7.3 ms → input.
    const TRUTH = 0.0073;
    const loopback = new DelayNode(audio.context, { delayTime: TRUTH, maxDelayTime: 0.1 });
    const settings = createRecordSettings(null);
    const recorder = new StudioRecorder(session, editor, commands, audio, {
      recorderUrl: RECORDER_WORKLET_URL,
      upload: blobUploader(s.host),
      settings,
      openInput: () => Promise.resolve({ node: loopback, channels: 1, dispose: () => loopback.disconnect() }),
    });
    cleanup.push(() => recorder.dispose());

    const calibration = await recorder.calibrate(loopback);
    expect(calibration).not.toBeNull();
    expect(Math.abs(calibration!.roundTrip - TRUTH)).toBeLessThan(0.001);
    expect(settings.getState().roundTrip).toBe(calibration!.roundTrip);

    // Record while the song plays a click at song second 1 into the loopback.
    await recorder.record();
    await expect.poll(() => editor.getState().transport.startedAt / 1000 > 0 && audio.position !== null).toBe(true);
    await sleep(200);
    const t = editor.getState().transport;
    const songAnchor = session.store.getState().tempoMap.ticksToSeconds(ticks(t.anchorTick)) as number;
    const rate = audio.context.sampleRate;
    const emitted = onFrame(t.startedAt / 1000 + (1 - songAnchor), rate);
    const click = audio.context.createBuffer(1, 1, rate);
    click.getChannelData(0)[0] = 0.9;
    const source = new AudioBufferSourceNode(audio.context, { buffer: click });
    source.connect(loopback);
    source.start(emitted);
    await expect.poll(() => audio.context.currentTime > emitted + 0.3, { timeout: 5000 }).toBe(true);
    const result = await recorder.stop();
    expect(result.audio).toHaveLength(1);

    const { snapshot, tempoMap } = session.store.getState();
    const clip = snapshot.tracks[0]!.clips[0]!;
    if (clip.kind !== 'audio') throw new Error('expected an audio clip');
    const recorded = await decodeBlob(s.memory.projects.blobs.get(clip.assetHash)!, rate);
    const onset = detectOnset(recorded.getChannelData(0), 0, recorded.length)!;
    const heardAt = (tempoMap.ticksToSeconds(ticks(clip.start)) as number) + onset / rate - clip.sourceOffset;
    const error = heardAt - 1;
    console.info(`loopback: measured round trip ${(calibration!.roundTrip * 1000).toFixed(4)} ms (truth ${TRUTH * 1000} ms); recorded click at song ${heardAt.toFixed(6)} s, offset after compensation ${(error * 1000).toFixed(4)} ms (uncompensated ${((error + calibration!.roundTrip) * 1000).toFixed(3)} ms)`);
    expect(Math.abs(error)).toBeLessThan(0.001);
  });

  it('records notes from the computer keyboard into the armed instrument track as a take', async () => {
    const s = setup('instrument', 'Keys');
    mount(s, createRecordSettings(null));
    await userEvent.click(page.getByTestId('record-keyboard-midi'));
    await userEvent.click(page.getByTestId('transport-record'));
    await expect.element(page.getByTestId('transport-record')).toHaveAttribute('aria-pressed', 'true');
    await sleep(300);
    await userEvent.keyboard('{a>}');
    await sleep(250);
    await userEvent.keyboard('{/a}');
    await userEvent.keyboard('{x}');
    await userEvent.keyboard('{d>}');
    await sleep(250);
    await userEvent.keyboard('{/d}');
    await userEvent.click(page.getByTestId('transport-record'));
    await expect.poll(() => s.session.store.getState().snapshot.tracks[0]?.clips.length, { timeout: 5000 }).toBe(1);
    const track = s.session.store.getState().snapshot.tracks[0]!;
    const clip = track.clips[0]!;
    if (clip.kind !== 'midi') throw new Error('expected a MIDI clip');
    expect(clip.takeId).toBe(track.activeTakeId);
    expect(clip.notes.map((n) => n.pitch)).toEqual([60, 76]);
    const [first, second] = [...clip.notes].sort((a, b) => a.tick - b.tick);
    expect(second!.tick).toBeGreaterThan(first!.tick + first!.duration - 1);
    // About 250 ms each: half a beat at 120 BPM (480 ticks), give or take the key timing.
    expect(first!.duration).toBeGreaterThan(300);
    expect(first!.duration).toBeLessThan(900);
  });
});
