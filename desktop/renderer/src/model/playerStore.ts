import { createStore, type StoreApi } from 'zustand/vanilla';
import type { HostClient } from '@encore/shared/host/client';
import type { LibraryTrack } from '@encore/shared/host/library';
import { isCatalogTrackId, MAX_SAVED_QUEUE, PlayerPrefs, type RepeatMode, type SavedQueue } from '@encore/shared/host/media';
import type { WaveformPeaks } from '@encore/shared/host/analysis';
import * as Q from '@encore/audio-engine/player/queue';
import type { SessionSettings, SessionTrackInfo } from '@encore/audio-engine/player/PlaybackSession';

/** The sound side of the player, behind an interface so the model is testable without audio. */
export interface AudioPort {
  readonly isPlaying: boolean;
  play(queue: Q.Queue, offsetSec?: number): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  seek(offsetSec: number): Promise<void>;
  queueChanged(queue: Q.Queue): Promise<void>;
  speedChanged(): Promise<void>;
  setVolume(volume: number): void;
  position(): number;
  duration(): number;
  stop(): void;
  dispose(): void;
}

export interface AudioPortEvents {
  onAdvance(queue: Q.Queue): void;
  onEnded(): void;
  onError(error: unknown, trackId: string | null): void;
}

export type AudioFactory = (events: AudioPortEvents, info: (id: string) => SessionTrackInfo | undefined, settings: () => SessionSettings) => AudioPort;

export interface LyricLine {
  timeMs: number;
  text: string;
}

export interface PlayerState {
  queue: Q.Queue;
  /** Metadata of queued tracks, by id (filled as they are shown or played). */
  tracks: Record<string, LibraryTrack>;
  playing: boolean;
  /** Seconds into the current track, refreshed while playing. */
  position: number;
  duration: number;
  prefs: PlayerPrefs;
  lyrics: { trackId: string; text: string; lines: LyricLine[] | null } | null;
  peaks: WaveformPeaks | null;
  artwork: Record<string, string>;
  error: string | null;
  restored: boolean;
}

export interface PlayerModel {
  store: StoreApi<PlayerState>;
  start(): Promise<void>;
  dispose(): void;
  /** Replaces the queue with `tracks` and plays `start`. */
  playTracks(tracks: readonly LibraryTrack[], start?: number): Promise<void>;
  playNow(track: LibraryTrack): Promise<void>;
  playNext(tracks: readonly LibraryTrack[]): void;
  addToQueue(tracks: readonly LibraryTrack[]): void;
  toggle(): Promise<void>;
  next(): Promise<void>;
  previous(): Promise<void>;
  seek(sec: number): Promise<void>;
  jump(index: number): Promise<void>;
  move(from: number, to: number): void;
  remove(index: number): void;
  clear(): void;
  setRepeat(mode: RepeatMode): void;
  cycleRepeat(): void;
  toggleShuffle(): void;
  setPrefs(patch: Partial<PlayerPrefs>): void;
  /** Loads metadata for queued ids that are missing. */
  ensureTracks(ids: readonly string[]): Promise<void>;
  current(): LibraryTrack | null;
}

const PERSIST_DELAY_MS = 800;
/** A catalog listen shorter than this is not reported (a skip, not a listen); the server decides what counts. */
const MIN_CATALOG_REPORT_MS = 1000;

export interface PlayerModelOptions {
  tickMs?: number;
  /**
   * Reports one listen of a catalog track (a stream: its id is a UUID, not a library hash),
   * called once per listen when it ends, is skipped or the player goes away.
   */
  reportCatalogPlay?(trackId: string, ms: number): void;
}

/**
 * The player: the queue (a pure value from the audio engine), what is playing, preferences,
 * lyrics, waveform and artwork of the current track, and persistence through the host
 * (`player.queue.save`) so the queue and position survive a restart.
 */
export function createPlayerModel(host: HostClient, audioFactory: AudioFactory, options: PlayerModelOptions = {}): PlayerModel {
  const store = createStore<PlayerState>(() => ({
    queue: Q.emptyQueue(),
    tracks: {},
    playing: false,
    position: 0,
    duration: 0,
    prefs: PlayerPrefs.parse({}),
    lyrics: null,
    peaks: null,
    artwork: {},
    error: null,
    restored: false,
  }));
  const get = store.getState;
  /** Per track: its measured loudness and its album's (derived by the host from all the album's analyses). */
  const loudness = new Map<string, { lufs: number | null; tp: number | null; albumLufs: number | null; albumTp: number | null; complete: boolean }>();
  let audio: AudioPort | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;
  let saveTimer: ReturnType<typeof setTimeout> | null = null;
  let offs: (() => void)[] = [];
  /** Where playback should resume when nothing has played yet (a restored queue). */
  let pendingOffset = 0;
  let startedAt: { trackId: string; at: number } | null = null;
  /** Time actually heard of the current entry (pauses and failed starts excluded): what a catalog listen reports. */
  const heard = { ms: 0, since: null as number | null };
  const heardMs = () => heard.ms + (heard.since === null ? 0 : Date.now() - heard.since);
  store.subscribe((s, prev) => {
    if (s.playing === prev.playing) return;
    if (s.playing) heard.since = Date.now();
    else {
      heard.ms = heardMs();
      heard.since = null;
    }
  });

  const info = (id: string): SessionTrackInfo | undefined => {
    const t = get().tracks[id];
    if (!t) return undefined;
    const a = loudness.get(id);
    return {
      album: t.album, albumArtist: t.albumArtist, artists: t.artists, trackNo: t.trackNo, discNo: t.discNo, durationSec: t.durationSec ?? 0,
      loudness: { trackLufs: a?.lufs ?? null, trackTruePeakDbtp: a?.tp ?? null, albumLufs: a?.albumLufs ?? null, albumTruePeakDbtp: a?.albumTp ?? null, replayGain: t.replayGain },
    };
  };
  const settings = (): SessionSettings => {
    const p = get().prefs;
    return { crossfadeSec: p.crossfadeSec, normalization: p.normalization, targetLufs: p.targetLufs, speed: p.speed };
  };
  const getAudio = () => {
    if (!audio) {
      audio = audioFactory(
        {
          onAdvance: (queue) => {
            recordPlay();
            store.setState({ queue, position: 0 });
            void onCurrentChanged();
          },
          onEnded: () => {
            recordPlay();
            store.setState({ playing: false, position: 0 });
            persist();
          },
          onError: (e, id) => {
            const t = id ? get().tracks[id] : null;
            store.setState({ error: `${t ? `“${t.title}”: ` : ''}${e instanceof Error ? e.message : String(e)}`, playing: false });
          },
        },
        info,
        settings,
      );
      audio.setVolume(get().prefs.volume);
    }
    return audio;
  };

  const recordPlay = () => {
    if (!startedAt || !audio) return;
    const ms = Math.round(Date.now() - startedAt.at);
    if (isCatalogTrackId(startedAt.trackId)) {
      const ms = Math.round(heardMs());
      // Reported once: `startedAt` is cleared here, whatever path ends the listen.
      if (ms >= MIN_CATALOG_REPORT_MS) options.reportCatalogPlay?.(startedAt.trackId, Math.min(ms, 24 * 3_600_000));
      startedAt = null;
      return;
    }
    // A play counts after 30 s (or the whole of a shorter track).
    const t = get().tracks[startedAt.trackId];
    if (ms >= 30_000 || (t?.durationSec && ms >= t.durationSec * 900)) void host.call('library.recordPlay', { id: startedAt.trackId, msPlayed: ms }).catch(() => undefined);
    startedAt = null;
  };

  const onCurrentChanged = async () => {
    const cur = Q.currentEntry(get().queue);
    startedAt = cur ? { trackId: cur.trackId, at: Date.now() } : null;
    heard.ms = 0;
    heard.since = get().playing ? Date.now() : null;
    persist();
    if (!cur) return;
    const id = cur.trackId;
    // A catalog stream has no lyrics, waveform or loudness in the host's library.
    if (isCatalogTrackId(id)) return;
    const upcoming = Q.upNext(get().queue).slice(0, 2).map((e) => e.trackId);
    await model.ensureTracks([id, ...upcoming]);
    void prefetchLoudness([id, ...upcoming]);
    const [lyrics, peaks] = await Promise.all([host.call('library.lyrics', { id }).catch(() => null), host.call('analysis.peaks', { id, buckets: 600 }).catch(() => null)]);
    if (Q.currentEntry(get().queue)?.trackId !== id) return;
    store.setState({ lyrics: lyrics ? { trackId: id, text: lyrics.text, lines: lyrics.lines } : null, peaks });
    const t = get().tracks[id];
    if (t?.artworkHash && !get().artwork[t.artworkHash]) {
      const art = await host.call('library.artwork', { hash: t.artworkHash }).catch(() => null);
      if (art) store.setState((s) => ({ artwork: { ...s.artwork, [t.artworkHash!]: `data:${art.mime};base64,${art.base64}` } }));
    }
  };

  const prefetchLoudness = async (ids: string[]) => {
    for (const id of ids.filter((i) => !isCatalogTrackId(i))) {
      // Asked again until the track and its whole album are measured (analysis runs meanwhile).
      if (loudness.get(id)?.complete) continue;
      const [a, album] = await Promise.all([host.call('analysis.track', { id }).catch(() => null), host.call('library.albumLoudness', { id }).catch(() => null)]);
      const lufs = a?.integratedLufs ?? null;
      loudness.set(id, { lufs, tp: a?.truePeakDbtp ?? null, albumLufs: album?.integratedLufs ?? null, albumTp: album?.truePeakDbtp ?? null, complete: a !== null && (album === null || album.measured === album.tracks) });
    }
  };

  const snapshot = (): SavedQueue => {
    const s = get();
    // Catalog streams are not saved: the saved queue names library files only.
    const streaming = isCatalogTrackId(s.queue.entries[s.queue.pos]?.trackId ?? '');
    let entries = s.queue.entries.filter((e) => !isCatalogTrackId(e.trackId));
    let current = s.queue.pos < 0 ? -1 : Math.min(entries.length - 1, s.queue.entries.slice(0, s.queue.pos).filter((e) => !isCatalogTrackId(e.trackId)).length);
    if (entries.length > MAX_SAVED_QUEUE) {
      const from = Math.max(0, Math.min(current - 100, entries.length - MAX_SAVED_QUEUE));
      entries = entries.slice(from, from + MAX_SAVED_QUEUE);
      current -= from;
    }
    return {
      version: 1, items: entries.map((e) => e.trackId), current, history: s.queue.history.filter((id) => !isCatalogTrackId(id)).slice(-500).map(String), repeat: s.queue.repeat,
      shuffle: Q.isShuffled(s.queue), shuffleSeed: s.queue.rng, positionSec: streaming ? 0 : (audio?.position() ?? pendingOffset), prefs: s.prefs,
    };
  };
  const persist = () => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(() => {
      saveTimer = null;
      void host.call('player.queue.save', snapshot()).catch(() => undefined);
    }, PERSIST_DELAY_MS);
  };
  const setQueue = (queue: Q.Queue, replan = true) => {
    store.setState({ queue });
    if (replan && audio?.isPlaying) void audio.queueChanged(queue);
    persist();
  };
  const playCurrent = async (offset = 0) => {
    recordPlay();
    store.setState({ playing: true, error: null, position: offset });
    pendingOffset = 0;
    const cur = Q.currentEntry(get().queue);
    if (cur) await Promise.all([model.ensureTracks([cur.trackId, ...Q.upNext(get().queue).slice(0, 1).map((e) => e.trackId)]), prefetchLoudness([cur.trackId])]);
    void onCurrentChanged();
    await getAudio().play(get().queue, offset);
    store.setState({ duration: audio?.duration() ?? 0 });
  };
  /** Moves to the current entry without playing (Next/Previous while paused). */
  const cue = () => {
    store.setState({ position: 0 });
    pendingOffset = 0;
    audio?.stop();
    void onCurrentChanged();
  };
  const remember = (tracks: readonly LibraryTrack[]) => store.setState((s) => ({ tracks: { ...s.tracks, ...Object.fromEntries(tracks.map((t) => [t.id, t])) } }));

  const model: PlayerModel = {
    store,
    async start() {
      offs.push(
        host.on('library.changed', () => {
          // Likes and ratings of queued tracks may have changed.
          const ids = Object.keys(get().tracks).filter((id) => !isCatalogTrackId(id)).slice(0, 50);
          // Catalog tracks came from the Store, not the host: they stay.
          store.setState((s) => ({ tracks: Object.fromEntries(Object.entries(s.tracks).filter(([id]) => isCatalogTrackId(id))) }));
          void model.ensureTracks(ids);
        }),
      );
      timer = setInterval(() => {
        if (audio && get().playing) store.setState({ position: audio.position(), duration: audio.duration() });
      }, options.tickMs ?? 100);
      try {
        const saved = await host.call('player.queue.load');
        if (saved && saved.items.length) {
          let q = Q.setQueue(Q.emptyQueue(saved.shuffleSeed), saved.items, Math.max(0, saved.current));
          q = { ...Q.setRepeat(q, saved.repeat), history: saved.history };
          pendingOffset = saved.positionSec;
          store.setState({ queue: q, prefs: saved.prefs, position: saved.positionSec });
          const cur = Q.currentEntry(q);
          if (cur) {
            await model.ensureTracks(Q.upNext(q).slice(0, 50).map((e) => e.trackId).concat(cur.trackId));
            store.setState({ duration: get().tracks[cur.trackId]?.durationSec ?? 0 });
            void onCurrentChanged();
          }
        } else if (saved) store.setState({ prefs: saved.prefs });
      } catch {
        // No saved queue (or a host without the procedure): start empty.
      }
      store.setState({ restored: true });
    },
    dispose() {
      // A stream listening now is reported before the audio goes (library plays keep their 30 s rule).
      if (startedAt && isCatalogTrackId(startedAt.trackId)) recordPlay();
      if (timer) clearInterval(timer);
      if (saveTimer) {
        clearTimeout(saveTimer);
        saveTimer = null;
        void host.call('player.queue.save', snapshot()).catch(() => undefined);
      }
      for (const off of offs) off();
      offs = [];
      audio?.dispose();
      audio = null;
      store.setState({ playing: false });
    },
    async playTracks(tracks, start = 0) {
      remember(tracks);
      setQueue(Q.setQueue(get().queue, tracks.map((t) => t.id), start), false);
      await playCurrent();
    },
    async playNow(track) {
      remember([track]);
      setQueue(Q.playNow(get().queue, track.id), false);
      await playCurrent();
    },
    playNext(tracks) {
      remember(tracks);
      const empty = !Q.currentEntry(get().queue);
      setQueue(Q.playNext(get().queue, tracks.map((t) => t.id)));
      if (empty) void onCurrentChanged();
    },
    addToQueue(tracks) {
      remember(tracks);
      const empty = !Q.currentEntry(get().queue);
      setQueue(Q.addToQueue(get().queue, tracks.map((t) => t.id)));
      if (empty) void onCurrentChanged();
    },
    async toggle() {
      const a = getAudio();
      if (get().playing) {
        store.setState({ playing: false, position: a.position() });
        await a.pause();
        persist();
      } else if (a.duration() > 0) {
        // Paused with a track scheduled: the clock resumes where it stopped.
        store.setState({ playing: true });
        await a.resume();
      } else if (Q.currentEntry(get().queue)) {
        await playCurrent(pendingOffset);
      }
    },
    async next() {
      const r = Q.advance(get().queue, 'skip');
      if (!r.queue) return;
      setQueue(r.queue, false);
      if (get().playing) await playCurrent();
      else cue();
    },
    async previous() {
      // Like every desktop player: past 3 s, Previous restarts the track.
      if ((audio?.position() ?? get().position) > 3) return model.seek(0);
      const q = Q.previous(get().queue);
      if (!q) return model.seek(0);
      setQueue(q, false);
      if (get().playing) await playCurrent();
      else cue();
    },
    async seek(sec) {
      const target = Math.max(0, sec);
      store.setState({ position: target });
      if (audio && audio.duration() > 0) await audio.seek(target);
      else pendingOffset = target;
      persist();
    },
    async jump(index) {
      setQueue(Q.jump(get().queue, index), false);
      await playCurrent();
    },
    move(from, to) {
      setQueue(Q.move(get().queue, from, to));
    },
    remove(index) {
      const wasCurrent = index === get().queue.pos;
      setQueue(Q.remove(get().queue, [index]), !wasCurrent);
      if (wasCurrent && get().playing) void playCurrent();
    },
    clear() {
      setQueue(Q.clear(get().queue));
    },
    setRepeat(mode) {
      setQueue(Q.setRepeat(get().queue, mode));
    },
    cycleRepeat() {
      const order: RepeatMode[] = ['off', 'all', 'one'];
      model.setRepeat(order[(order.indexOf(get().queue.repeat) + 1) % 3]!);
    },
    toggleShuffle() {
      setQueue(Q.setShuffle(get().queue, !Q.isShuffled(get().queue)));
    },
    setPrefs(patch) {
      const prev = get().prefs;
      const prefs = PlayerPrefs.parse({ ...prev, ...patch });
      store.setState({ prefs });
      if (audio && prefs.volume !== prev.volume) audio.setVolume(prefs.volume);
      if (audio && prefs.speed !== prev.speed) void audio.speedChanged();
      if (audio?.isPlaying && (prefs.crossfadeSec !== prev.crossfadeSec || prefs.normalization !== prev.normalization)) void audio.queueChanged(get().queue);
      persist();
    },
    async ensureTracks(ids) {
      const missing = [...new Set(ids)].filter((id) => !get().tracks[id] && !isCatalogTrackId(id));
      if (!missing.length) return;
      const found = await Promise.all(missing.map((id) => host.call('library.track', { id }).catch(() => null)));
      remember(found.filter((t): t is LibraryTrack => t !== null));
    },
    current() {
      const e = Q.currentEntry(get().queue);
      return e ? (get().tracks[e.trackId] ?? null) : null;
    },
  };
  return model;
}
