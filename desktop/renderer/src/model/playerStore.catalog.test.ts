import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHostClient } from '@encore/shared/host/client';
import type { SavedQueue } from '@encore/shared/host/media';
import * as Q from '@encore/audio-engine/player/queue';
import { catalogTrack } from './catalog/fixtures';
import { toPlayerTrack } from './catalog/playerTrack';
import { createPlayerModel, type AudioFactory, type AudioPortEvents } from './playerStore';

/** A host that answers the player's calls and records them (library lookups fail: nothing is in the library). */
function fakeHost() {
  const calls: { method: string; params: unknown }[] = [];
  const host = createHostClient({
    async call(method, params) {
      calls.push({ method, params });
      if (method === 'player.queue.load') return { ok: true, value: null };
      if (method === 'player.queue.save') return { ok: true, value: { savedAt: new Date().toISOString() } };
      return { ok: false, error: { code: 'NOT_FOUND', message: 'not in the library' } };
    },
    on: () => () => undefined,
  });
  return { host, calls };
}

/** An audio port that "plays" at once; the test drives its events. */
function fakeAudio() {
  let events: AudioPortEvents | null = null;
  let playing = false;
  const factory: AudioFactory = (e) => {
    events = e;
    return {
      get isPlaying() {
        return playing;
      },
      play: async () => void (playing = true),
      pause: async () => void (playing = false),
      resume: async () => void (playing = true),
      seek: async () => undefined,
      queueChanged: async () => undefined,
      speedChanged: async () => undefined,
      setVolume: () => undefined,
      position: () => 1,
      duration: () => 180,
      stop: () => void (playing = false),
      dispose: () => undefined,
    };
  };
  return { factory, events: () => events! };
}

afterEach(() => void vi.useRealTimers());

describe('the player with catalog streams', () => {
  it('reports each catalog listen once, with the time heard (pauses excluded)', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const { host } = fakeHost();
    const audio = fakeAudio();
    const reports: { trackId: string; ms: number }[] = [];
    const player = createPlayerModel(host, audio.factory, { reportCatalogPlay: (trackId, ms) => void reports.push({ trackId, ms }) });
    await player.start();
    const [a, b, c] = [catalogTrack({ title: 'A' }), catalogTrack({ title: 'B' }), catalogTrack({ title: 'C' })];
    await player.playTracks([a, b, c].map((t) => toPlayerTrack(t)), 0);
    expect(player.current()?.title).toBe('A');

    vi.advanceTimersByTime(5_000);
    await player.toggle(); // pause: the next 60 s are not heard
    vi.advanceTimersByTime(60_000);
    await player.toggle();
    vi.advanceTimersByTime(2_000);
    await player.next();
    expect(reports).toEqual([{ trackId: a.id, ms: 7_000 }]);

    // A skip after half a second is not a listen.
    vi.advanceTimersByTime(500);
    await player.next();
    expect(reports).toHaveLength(1);

    // Handed over by the audio (end of B... here C) then the queue ends: reported once.
    vi.advanceTimersByTime(3_000);
    audio.events().onEnded();
    audio.events().onEnded();
    expect(reports).toEqual([{ trackId: a.id, ms: 7_000 }, { trackId: c.id, ms: 3_000 }]);
    player.dispose();
    expect(reports).toHaveLength(2);
  });

  it('reports a listen under way when the player goes away, and nothing for a stream that failed', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const { host } = fakeHost();
    const audio = fakeAudio();
    const reports: string[] = [];
    const player = createPlayerModel(host, audio.factory, { reportCatalogPlay: (id) => void reports.push(id) });
    await player.start();
    const [a, b] = [catalogTrack(), catalogTrack()];
    await player.playTracks([toPlayerTrack(a), toPlayerTrack(b)], 0);
    audio.events().onError(new Error('Could not stream the track'), a.id);
    expect(player.store.getState().error).toMatch(/Could not stream the track/);
    vi.advanceTimersByTime(10_000);
    await player.jump(1);
    expect(reports).toEqual([]);
    vi.advanceTimersByTime(4_000);
    player.dispose();
    expect(reports).toEqual([b.id]);
  });

  it('keeps catalog tracks out of the host: no library lookups, not in the saved queue', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const { host, calls } = fakeHost();
    const player = createPlayerModel(host, fakeAudio().factory);
    await player.start();
    const lib = 'cd'.repeat(32);
    const stream = catalogTrack({ title: 'Stream' });
    player.store.setState({ queue: Q.setQueue(Q.emptyQueue(1), [lib], 0) });
    await player.playTracks([toPlayerTrack(stream)], 0);
    player.addToQueue([{ ...toPlayerTrack(catalogTrack()), id: lib }]);
    vi.advanceTimersByTime(1_000);
    await vi.runOnlyPendingTimersAsync();
    const lookedUp = calls.filter((c) => c.method.startsWith('library.') || c.method.startsWith('analysis.')).map((c) => (c.params as { id?: string }).id);
    expect(lookedUp).not.toContain(stream.id);
    const saved = calls.filter((c) => c.method === 'player.queue.save').at(-1)?.params as SavedQueue;
    expect(saved.items).toEqual([lib]);
    expect(saved.current).toBe(0);
    expect(saved.positionSec).toBe(0);
    // The Store's metadata survives a library change (which reloads library tracks from the host).
    expect(player.current()?.title).toBe('Stream');
    player.dispose();
  });
});
