import { describe, expect, it } from 'vitest';
import type { PlayEventRequest } from '@encore/shared/api/catalog';
import type { CatalogApi } from './catalogApi';
import { createCatalogPlayer, type StreamAudioPort } from './catalogPlayer';
import { catalogTrack } from './fixtures';

function fakeAudio() {
  let ended: (() => void) | null = null;
  const state = { played: [] as string[], listened: 0 };
  const port: StreamAudioPort = {
    play: async (blob) => void state.played.push(await blob.text()),
    pause: () => undefined,
    resume: async () => undefined,
    listenedSec: () => state.listened,
    onEnded: (l) => ((ended = l), () => (ended = null)),
    dispose: () => undefined,
  };
  return { port, state, end: () => ended?.() };
}

function fakeApi(fail: Set<string> = new Set()) {
  const plays: PlayEventRequest[] = [];
  const api = {
    stream: async (id: string) => {
      if (fail.has(id)) throw new Error('The track has no rendition to stream yet');
      return new Blob([id]);
    },
    recordPlay: async (e: PlayEventRequest) => (plays.push(e), { recorded: true, counted: true }),
  } as unknown as CatalogApi;
  return { api, plays };
}

describe('catalogPlayer', () => {
  it('streams the queue in order and reports each listen once', async () => {
    const audio = fakeAudio();
    const { api, plays } = fakeApi();
    let id = 0;
    const player = createCatalogPlayer(api, audio.port, () => `event-000${++id}`);
    const [a, b] = [catalogTrack(), catalogTrack()];
    await player.playTracks([a, b], 0);
    expect(audio.state.played).toEqual([a.id]);
    audio.state.listened = 42;
    audio.end();
    await new Promise((r) => setTimeout(r, 0));
    expect(audio.state.played).toEqual([a.id, b.id]);
    expect(plays).toEqual([{ clientEventId: 'event-0001', trackId: a.id, ms: 42_000 }]);
    audio.state.listened = 0.5;
    audio.end();
    // Half a second is a skip: not reported, and the queue stops at its end.
    expect(plays).toHaveLength(1);
    expect(player.store.getState().playing).toBe(false);
    player.dispose();
  });

  it('shows why a track cannot stream and keeps the queue', async () => {
    const audio = fakeAudio();
    const t = catalogTrack({ title: 'Draft' });
    const { api } = fakeApi(new Set([t.id]));
    const player = createCatalogPlayer(api, audio.port);
    await player.playTracks([t]);
    expect(player.store.getState()).toMatchObject({ playing: false, loading: false, error: '“Draft”: The track has no rendition to stream yet' });
    player.addToQueue([catalogTrack()]);
    expect(player.store.getState().queue).toHaveLength(2);
  });
});
