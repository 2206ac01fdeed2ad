import { createStore, type StoreApi } from 'zustand/vanilla';
import { RecorderNode, type RecordedAudio } from '@encore/audio-engine/nodes/RecorderNode';
import { encodeWav } from '@encore/audio-engine/io/wav';
import { VoiceEvent } from '@encore/audio-engine/worklets/protocol';
import { EncoreError } from '@encore/shared/errors';
import type { TrackSnapshot } from '@encore/shared/project/read/snapshot';
import { seconds, ticks } from '@encore/shared/units';
import type { StudioAudio } from '../audio/studioAudio';
import type { EditorCommands } from '../model/editorCommands';
import type { EditorStore } from '../model/editorStore';
import { snapTick } from '../model/grid';
import type { ProjectSession } from '../model/projectSession';
import { studioMessage } from '../model/studioErrors';
import { importMessage } from '../import/importAudio';
import { bucketsFor, computePeaks } from '../import/peaks';
import { putPeaks } from '../import/peaksStore';
import { placeAudio, type PlacedAudio } from '../import/placeAudio';
import { sha256Hex, type BlobUploader } from '../import/uploadBlob';
import { measureRoundTrip, type Calibration } from './calibrate';
import type { InputSource } from './inputSource';
import { MidiInput, type MidiNoteEvent } from './midiInput';
import { logSegment, recordingPasses, type LoggedSegment } from './recordPasses';
import type { RecordSettings } from './recordSettings';

export interface StudioRecorderOptions {
  readonly recorderUrl: string;
  /** Where recorded audio is stored; null: audio tracks cannot record. */
  readonly upload: BlobUploader | null;
  readonly settings: StoreApi<RecordSettings>;
  /** Opens the audio input (the microphone in the app, a loopback in tests). */
  readonly openInput: (context: AudioContext) => Promise<InputSource>;
  /** Notes from the computer keyboard and Web MIDI; created on the window when absent. */
  readonly midi: MidiInput | null;
}

export interface RecorderState {
  readonly status: 'idle' | 'recording' | 'saving' | 'calibrating';
  readonly error: string | null;
  /** Pitches sounding from the MIDI inputs. */
  readonly held: readonly number[];
}

export interface RecordResult {
  readonly audio: readonly PlacedAudio[];
  /** Ids of the MIDI clips recorded. */
  readonly midi: readonly string[];
}

interface NoteLog {
  readonly time: number;
  readonly pitch: number;
  readonly velocity: number;
}

/** Voice ids of auditioned notes, apart from those the scheduler gives the song's notes. */
const AUDITION_ID = 1 << 30;

const armed = (tracks: readonly TrackSnapshot[], kind: 'audio' | 'instrument') => tracks.filter((t) => t.arm && t.kind === kind);

/**
 * Recording into the editor's armed tracks. `record()` starts the transport and captures the
 * input (audio tracks) and the MIDI inputs (instrument tracks); `stop()` turns every pass of the
 * transport (one per loop cycle, only the loop region when punching) into a take: the audio is
 * stored as a WAV blob and placed earlier by the measured round trip, notes become a MIDI clip.
 * Input monitoring routes the input to the speakers; `calibrate()` measures the round trip.
 *
 * @example
 * const recorder = new StudioRecorder(session, editor, commands, audio, { recorderUrl, upload, settings, openInput: openMicrophone });
 * await recorder.record();
 * const { audio } = await recorder.stop();
 */
export class StudioRecorder {
  readonly store: StoreApi<RecorderState> = createStore<RecorderState>(() => ({ status: 'idle', error: null, held: [] }));
  readonly midi: MidiInput;
  private readonly o: StudioRecorderOptions;
  private input: Promise<InputSource> | null = null;
  private monitor: GainNode | null = null;
  private recorder: RecorderNode | null = null;
  private segments: LoggedSegment[] = [];
  private notes: NoteLog[] | null = null;
  private offTransport: (() => void) | null = null;
  private offSettings: () => void;
  private disposed = false;

  static getDefaults(): Omit<StudioRecorderOptions, 'recorderUrl' | 'settings' | 'openInput'> {
    return { upload: null, midi: null };
  }

  constructor(
    private readonly session: ProjectSession,
    private readonly editor: EditorStore,
    private readonly commands: Pick<EditorCommands, 'play' | 'stop'>,
    private readonly audio: StudioAudio,
    options: Partial<StudioRecorderOptions> & Pick<StudioRecorderOptions, 'recorderUrl' | 'settings' | 'openInput'>,
  ) {
    this.o = { ...StudioRecorder.getDefaults(), ...options };
    this.midi = this.o.midi ?? new MidiInput((e) => this.onNote(e));
    const apply = (s: RecordSettings) => {
      this.midi.setKeyboard(s.keyboardMidi);
      void this.applyMonitoring(s.monitoring);
    };
    apply(this.o.settings.getState());
    this.offSettings = this.o.settings.subscribe((s, prev) => {
      if (s.keyboardMidi !== prev.keyboardMidi || s.monitoring !== prev.monitoring) apply(s);
    });
  }

  private get context(): AudioContext {
    return this.audio.context;
  }

  /** A MIDI note from outside (tests, on-screen keys): auditioned, and logged while recording. */
  onNote(e: MidiNoteEvent): void {
    const held = this.store.getState().held.filter((p) => p !== e.pitch);
    this.store.setState({ held: e.velocity > 0 ? [...held, e.pitch] : held });
    this.notes?.push({ time: this.context.currentTime, pitch: e.pitch, velocity: e.velocity });
    void this.audition(e);
  }

  /** Starts recording on the armed tracks and the transport (if it is not playing already). */
  async record(): Promise<void> {
    if (this.store.getState().status !== 'idle') return;
    const tracks = this.session.store.getState().snapshot.tracks;
    const audioTracks = armed(tracks, 'audio');
    const midiTracks = armed(tracks, 'instrument');
    try {
      if (audioTracks.length + midiTracks.length === 0) throw new EncoreError('BAD_REQUEST', 'Arm a track first (its ● button) to record into it');
      if (audioTracks.length > 0 && !this.o.upload) throw new EncoreError('BAD_REQUEST', 'Recording audio needs Encore’s background service');
      if (this.context.state !== 'running') await this.context.resume();
      if (audioTracks.length > 0) {
        const input = await this.openInput();
        await RecorderNode.load(this.context, this.o.recorderUrl);
        const recorder = new RecorderNode(this.context, { channels: input.channels });
        input.node.connect(recorder.input);
        recorder.start();
        this.recorder = recorder;
      }
      this.notes = midiTracks.length > 0 ? [] : null;
      this.segments = [];
      const log = (t: { playing: boolean; anchorTick: number; startedAt: number }) => {
        if (!t.playing) return;
        const song = this.session.store.getState().tempoMap.ticksToSeconds(ticks(t.anchorTick)) as number;
        this.segments = logSegment(this.segments, { at: t.startedAt / 1000, song }, this.context.currentTime);
      };
      this.offTransport = this.editor.subscribe((s, prev) => {
        if (s.transport === prev.transport) return;
        // The transport stopped (Space, the stop button): so does the recording.
        if (!s.transport.playing && prev.transport.playing) void this.stop();
        else log(s.transport);
      });
      this.store.setState({ status: 'recording', error: null });
      if (this.editor.getState().transport.playing) log(this.editor.getState().transport);
      else this.commands.play();
    } catch (e) {
      this.fail('recording could not start', e);
      this.release();
    }
  }

  /** Stops the transport and the capture, and writes the takes. */
  async stop(): Promise<RecordResult> {
    if (this.store.getState().status !== 'recording') return { audio: [], midi: [] };
    const stoppedAt = this.context.currentTime;
    this.store.setState({ status: 'saving' });
    this.offTransport?.();
    this.offTransport = null;
    if (this.editor.getState().transport.playing) this.commands.stop();
    const recorder = this.recorder;
    const notes = this.notes;
    this.recorder = null;
    this.notes = null;
    try {
      const captured = recorder ? await recorder.stop() : null;
      const audio = captured ? await this.saveAudio(captured) : [];
      const midi = notes ? this.saveMidi(notes, stoppedAt) : [];
      return { audio, midi };
    } catch (e) {
      this.fail('recording could not be saved', e);
      return { audio: [], midi: [] };
    } finally {
      recorder?.dispose();
      this.release();
      if (this.store.getState().status === 'saving') this.store.setState({ status: 'idle' });
    }
  }

  /** Measures the round trip with clicks from the speakers to the input, and keeps it in the settings. */
  async calibrate(output: AudioNode = this.context.destination): Promise<Calibration | null> {
    if (this.store.getState().status !== 'idle') return null;
    this.store.setState({ status: 'calibrating', error: null });
    try {
      const input = await this.openInput();
      const result = await measureRoundTrip(this.context, { input: input.node, output, recorderUrl: this.o.recorderUrl });
      this.o.settings.setState({ roundTrip: result.roundTrip, outputLatency: result.outputLatency, measuredAt: new Date().toISOString() });
      return result;
    } catch (e) {
      this.fail('latency could not be measured', e);
      return null;
    } finally {
      this.release();
      this.store.setState({ status: 'idle' });
    }
  }

  dismissError(): void {
    this.store.setState({ error: null });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.offSettings();
    this.offTransport?.();
    this.recorder?.dispose();
    this.recorder = null;
    this.monitor?.disconnect();
    this.monitor = null;
    if (!this.o.midi) this.midi.dispose();
    void this.input?.then((i) => i.dispose(), () => undefined);
    this.input = null;
  }

  private openInput(): Promise<InputSource> {
    if (!this.input) {
      const opening = this.o.openInput(this.context);
      this.input = opening;
      opening.catch(() => {
        if (this.input === opening) this.input = null;
      });
    }
    return this.input;
  }

  /** Closes the input unless monitoring keeps it open. */
  private release(): void {
    if (this.o.settings.getState().monitoring || this.disposed || this.store.getState().status === 'recording') return;
    const input = this.input;
    this.input = null;
    this.monitor?.disconnect();
    this.monitor = null;
    void input?.then((i) => i.dispose(), () => undefined);
  }

  private async applyMonitoring(on: boolean): Promise<void> {
    if (!on) {
      this.monitor?.disconnect();
      this.monitor = null;
      if (this.store.getState().status === 'idle') this.release();
      return;
    }
    try {
      const input = await this.openInput();
      if (this.monitor || !this.o.settings.getState().monitoring) return;
      this.monitor = new GainNode(this.context, { gain: 1 });
      input.node.connect(this.monitor).connect(this.context.destination);
    } catch (e) {
      this.o.settings.setState({ monitoring: false });
      this.fail('input monitoring could not start', e);
    }
  }

  private async audition(e: MidiNoteEvent): Promise<void> {
    const targets = armed(this.session.store.getState().snapshot.tracks, 'instrument');
    const selected = this.editor.getState().selectedTrackId;
    const ids = new Set(targets.length > 0 ? targets.map((t) => t.id) : selected ? [selected] : []);
    if (ids.size === 0) return;
    try {
      const player = await this.audio.prepare();
      const event = { time: this.context.currentTime, kind: e.velocity > 0 ? VoiceEvent.NoteOn : VoiceEvent.NoteOff, id: AUDITION_ID + e.pitch, pitch: e.pitch, velocity: e.velocity };
      for (const t of player.graph.tracks) if (ids.has(t.track.id)) t.instrument?.send([event]);
    } catch (err) {
      console.warn('studio: audition failed', err);
    }
  }

  private punch(): { start: number; end: number } | null {
    const { snapshot, tempoMap } = this.session.store.getState();
    if (!this.o.settings.getState().punch || !snapshot.loop.enabled || snapshot.loop.end <= snapshot.loop.start) return null;
    return { start: tempoMap.ticksToSeconds(ticks(snapshot.loop.start)) as number, end: tempoMap.ticksToSeconds(ticks(snapshot.loop.end)) as number };
  }

  private async saveAudio(captured: RecordedAudio): Promise<PlacedAudio[]> {
    const upload = this.o.upload;
    const frames = captured.channels[0]?.length ?? 0;
    const passes = recordingPasses({ startTime: captured.startTime, sampleRate: captured.sampleRate, frames }, this.segments, {
      latency: this.o.settings.getState().roundTrip ?? 0,
      punch: this.punch(),
      minSeconds: 0.05,
    });
    const placed: PlacedAudio[] = [];
    if (!upload) return placed;
    for (const pass of passes) {
      const channels = captured.channels.map((c) => c.subarray(pass.from, pass.to));
      const length = pass.to - pass.from;
      // 32-bit float keeps what was captured bit for bit (no second quantisation).
      const wav = encodeWav({ sampleRate: captured.sampleRate, numberOfChannels: channels.length, length, getChannelData: (c) => channels[c]! }, { bitDepth: '32f' });
      const hash = await sha256Hex(wav);
      await upload(wav, hash);
      const duration = length / captured.sampleRate;
      putPeaks(hash, computePeaks(channels, bucketsFor(duration)));
      const { tempoMap, snapshot } = this.session.store.getState();
      // The clip starts on the next whole tick; the source skips the sub-tick remainder, so the audio stays sample-true.
      const start = Math.ceil((tempoMap.secondsToTicks(seconds(pass.songStart)) as number) - 1e-6);
      const sourceOffset = Math.max(0, (tempoMap.ticksToSeconds(ticks(start)) as number) - pass.songStart);
      if (sourceOffset >= duration) continue;
      const asset = { hash, name: `Recording ${new Date().toISOString().slice(0, 19).replace('T', ' ')}.wav`, mimeType: 'audio/wav', byteLength: wav.byteLength, durationSeconds: duration, sampleRate: captured.sampleRate, channels: channels.length };
      for (const track of armed(snapshot.tracks, 'audio')) {
        placed.push(placeAudio(this.session, { asset, trackId: track.id, start, sourceOffset, seconds: duration - sourceOffset, take: true, clipName: `${track.name} rec` }));
      }
    }
    return placed;
  }

  private saveMidi(log: readonly NoteLog[], stoppedAt: number): string[] {
    const { snapshot, tempoMap, meterMap } = this.session.store.getState();
    const segments = [...this.segments].sort((a, b) => a.at - b.at);
    const songAt = (time: number): number | null => {
      let seg: LoggedSegment | undefined;
      for (const s of segments) if (s.at <= time) seg = s;
      return seg ? seg.song + (time - seg.at) : null;
    };
    const punch = this.punch();
    const quantize = this.o.settings.getState().quantize;
    const snap = this.editor.getState().snap;
    const open = new Map<number, { song: number; velocity: number }>();
    const notes: { pitch: number; tick: number; end: number; velocity: number }[] = [];
    const close = (pitch: number, time: number) => {
      const on = open.get(pitch);
      const end = songAt(time);
      open.delete(pitch);
      if (!on || end === null || end <= on.song) return;
      if (punch && (on.song < punch.start || on.song >= punch.end)) return;
      const raw = tempoMap.secondsToTicks(seconds(on.song)) as number;
      const tick = Math.max(0, Math.round(quantize ? snapTick(raw, snap, meterMap, 'round') : raw));
      const endTick = Math.round(tempoMap.secondsToTicks(seconds(punch ? Math.min(end, punch.end) : end)) as number);
      notes.push({ pitch, tick, end: Math.max(tick + 1, endTick), velocity: Math.max(1, Math.min(127, on.velocity)) });
    };
    for (const e of log) {
      if (open.has(e.pitch)) close(e.pitch, e.time);
      const song = songAt(e.time);
      if (e.velocity > 0 && song !== null) open.set(e.pitch, { song, velocity: e.velocity });
    }
    for (const pitch of [...open.keys()]) close(pitch, stoppedAt);
    if (notes.length === 0) return [];
    const bar = { kind: 'bar' } as const;
    const start = snapTick(Math.min(...notes.map((n) => n.tick)), bar, meterMap, 'floor');
    const lastEnd = Math.max(...notes.map((n) => n.end));
    const end = Math.max(start + 1, snapTick(lastEnd, bar, meterMap, 'round') < lastEnd ? (meterMap.barToTick(meterMap.tickToBar(ticks(lastEnd)).bar + 1) as number) : snapTick(lastEnd, bar, meterMap, 'round'));
    const ids: string[] = [];
    const { api } = this.session;
    this.session.doc.transact(() => {
      for (const track of armed(snapshot.tracks, 'instrument')) {
        const takeId = api.addTake({ trackId: track.id });
        ids.push(
          api.addMidiClip({
            trackId: track.id,
            start,
            length: end - start,
            takeId,
            name: `${track.name} rec`,
            notes: notes.map((n) => ({ pitch: n.pitch, tick: n.tick - start, duration: n.end - n.tick, velocity: n.velocity })),
          }),
        );
      }
    }, api.origin);
    return ids;
  }

  private fail(what: string, e: unknown): void {
    console.warn(`studio: ${what}`, e);
    const message = e instanceof DOMException ? `The audio input is not available (${e.name}): allow the microphone and try again` : e instanceof EncoreError ? importMessage(e) : studioMessage(e);
    this.store.setState({ error: message, status: this.store.getState().status === 'recording' || this.store.getState().status === 'saving' ? 'idle' : this.store.getState().status });
  }
}
