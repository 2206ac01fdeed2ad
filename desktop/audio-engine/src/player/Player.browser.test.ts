import { afterEach, describe, expect, it, vi } from 'vitest';
import { Player } from './Player';
import { currentEntry, emptyQueue, setQueue, type Queue } from './queue';
import { createTrackLoader } from './trackLoader';
import { encodeWav16 } from './wavBytes';

const SR = 48000;
const tone = (seconds: number, f: number) => Float32Array.from({ length: Math.round(seconds * SR) }, (_, i) => 0.2 * Math.sin((2 * Math.PI * f * i) / SR));
const files: Record<string, ArrayBuffer> = { a: encodeWav16([tone(0.3, 440)], SR), b: encodeWav16([tone(0.3, 660)], SR) };

let players: Player[] = [];
afterEach(async () => {
  for (const p of players) p.dispose();
  players = [];
});

function setup() {
  const context = new AudioContext({ sampleRate: SR });
  const fetches: string[] = [];
  const fakeFetch = (async (url: string) => {
    fetches.push(url);
    const id = url.split('/').pop()!;
    return files[id] ? new Response(files[id]!.slice(0)) : new Response('missing', { status: 404 });
  }) as typeof fetch;
  const loader = createTrackLoader({ context, url: (id) => `media/library/${id}`, fetch: fakeFetch });
  const advanced: Queue[] = [];
  const errors: unknown[] = [];
  const ended = vi.fn();
  const player = new Player({
    context,
    loader,
    info: () => undefined,
    settings: () => ({ crossfadeSec: 0, normalization: 'track', targetLufs: -14, speed: 1 }),
    onAdvance: (q) => advanced.push(q),
    onEnded: ended,
    onError: (e) => errors.push(e),
    tickMs: 20,
  });
  players.push(player);
  return { context, player, fetches, advanced, ended, errors };
}

describe('Player (realtime AudioContext)', () => {
  it('prefetches the next track at once, hands over to it and reports the end', async () => {
    const { player, fetches, advanced, ended } = setup();
    await player.play(setQueue(emptyQueue(1), ['a', 'b']));
    expect(fetches).toEqual(['media/library/a', 'media/library/b']);
    expect(player.isPlaying).toBe(true);
    expect(player.duration()).toBeCloseTo(0.3, 6);
    await vi.waitUntil(() => advanced.length === 1, { timeout: 3000 });
    expect(currentEntry(advanced[0]!)?.trackId).toBe('b');
    await vi.waitUntil(() => ended.mock.calls.length === 1, { timeout: 3000 });
    expect(player.isPlaying).toBe(false);
  });

  it('pauses by suspending the clock and seeks within the track', async () => {
    const { player, context } = setup();
    await player.play(setQueue(emptyQueue(1), ['a']));
    await player.pause();
    expect(context.state).toBe('suspended');
    await player.seek(0.2);
    expect(player.position()).toBeCloseTo(0.2, 2);
    expect(context.state).toBe('suspended');
    await player.resume();
    expect(context.state).toBe('running');
  });

  it('reports a track that cannot be loaded', async () => {
    const { player, errors } = setup();
    await player.play(setQueue(emptyQueue(1), ['nope']));
    expect(String(errors[0])).toMatch(/HTTP 404/);
    expect(player.isPlaying).toBe(false);
  });
});
