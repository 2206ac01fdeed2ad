import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Q from '@encore/audio-engine/player/queue';
import type { AudioFactory, AudioPort, AudioPortEvents } from '../../model/playerStore';
import { withCatalogStreams } from './catalogStreams';

const CAT_A = '00000000-0000-4000-8000-00000000000a';
const CAT_B = '00000000-0000-4000-8000-00000000000b';
const LIB = 'ab'.repeat(32);

/** `sec` seconds of a quiet tone as a 16-bit mono WAV object URL: real audio the element plays. */
function wavUrl(sec: number): string {
  const rate = 8000;
  const n = Math.round(rate * sec);
  const buf = new DataView(new ArrayBuffer(44 + n * 2));
  const text = (o: number, s: string) => [...s].forEach((c, i) => buf.setUint8(o + i, c.charCodeAt(0)));
  text(0, 'RIFF');
  buf.setUint32(4, 36 + n * 2, true);
  text(8, 'WAVEfmt ');
  buf.setUint32(16, 16, true);
  buf.setUint16(20, 1, true);
  buf.setUint16(22, 1, true);
  buf.setUint32(24, rate, true);
  buf.setUint32(28, rate * 2, true);
  buf.setUint16(32, 2, true);
  buf.setUint16(34, 16, true);
  text(36, 'data');
  buf.setUint32(40, n * 2, true);
  for (let i = 0; i < n; i++) buf.setInt16(44 + i * 2, Math.round(Math.sin((2 * Math.PI * 440 * i) / rate) * 2000), true);
  return URL.createObjectURL(new Blob([buf.buffer], { type: 'audio/wav' }));
}

/** The Web Audio side as a recorder: what it was asked to play, and a handle on its events. */
function fakeLibrary() {
  const calls: string[] = [];
  let events: AudioPortEvents | null = null;
  let playing = false;
  const factory: AudioFactory = (e) => {
    events = e;
    const port: AudioPort = {
      get isPlaying() {
        return playing;
      },
      play: async (q) => void (calls.push(`play ${Q.currentEntry(q)?.trackId}`), (playing = true)),
      pause: async () => void (playing = false),
      resume: async () => void (playing = true),
      seek: async () => undefined,
      queueChanged: async () => void calls.push('queueChanged'),
      speedChanged: async () => undefined,
      setVolume: () => undefined,
      position: () => 0,
      duration: () => 10,
      stop: () => void (calls.push('stop'), (playing = false)),
      dispose: () => void calls.push('dispose'),
    };
    return port;
  };
  return { factory, calls, events: () => events! };
}

function recorder(): AudioPortEvents & { advanced: Q.Queue[]; ended: number; errors: { message: string; id: string | null }[] } {
  const r = {
    advanced: [] as Q.Queue[],
    ended: 0,
    errors: [] as { message: string; id: string | null }[],
    onAdvance: (q: Q.Queue) => void r.advanced.push(q),
    onEnded: () => void r.ended++,
    onError: (e: unknown, id: string | null) => void r.errors.push({ message: e instanceof Error ? e.message : String(e), id }),
  };
  return r;
}

const settings = () => ({ crossfadeSec: 0, normalization: 'off' as const, targetLufs: -14, speed: 1 });
const ports: AudioPort[] = [];
afterEach(() => {
  for (const p of ports.splice(0)) p.dispose();
});

describe('withCatalogStreams', () => {
  it('streams catalog entries on an <audio> element and hands over to the library player at the end', async () => {
    const lib = fakeLibrary();
    const urls: Record<string, string> = { [CAT_A]: wavUrl(0.6), [CAT_B]: wavUrl(0.6) };
    const asked: string[] = [];
    const el = new Audio();
    const events = recorder();
    const port = withCatalogStreams(lib.factory, { url: (id) => (asked.push(id), urls[id]!), element: () => el })(events, () => ({ durationSec: 0.6 }) as never, settings);
    ports.push(port);
    port.setVolume(0.5);
    expect(el.volume).toBeCloseTo(0.25);

    const q = Q.setQueue(Q.emptyQueue(1), [CAT_A, CAT_B, LIB], 0);
    await port.play(q, 0);
    expect(asked).toEqual([CAT_A]);
    expect(port.isPlaying).toBe(true);
    await expect.poll(() => port.position()).toBeGreaterThan(0);
    expect(port.duration()).toBeCloseTo(0.6, 1);

    await port.pause();
    expect(el.paused).toBe(true);
    expect(port.isPlaying).toBe(false);
    await port.resume();
    expect(port.isPlaying).toBe(true);

    // The end of A starts B (another stream), then the end of B goes to the library player.
    await expect.poll(() => events.advanced.length, { timeout: 10_000 }).toBe(1);
    expect(Q.currentEntry(events.advanced[0]!)?.trackId).toBe(CAT_B);
    expect(asked).toEqual([CAT_A, CAT_B]);
    await expect.poll(() => events.advanced.length, { timeout: 10_000 }).toBe(2);
    expect(Q.currentEntry(events.advanced[1]!)?.trackId).toBe(LIB);
    expect(lib.calls).toContain(`play ${LIB}`);
    expect(el.hasAttribute('src')).toBe(false);
    expect(events.errors).toEqual([]);
  });

  it('takes over when the library player reaches a catalog entry, and ends with the queue', async () => {
    const lib = fakeLibrary();
    const el = new Audio();
    const events = recorder();
    const port = withCatalogStreams(lib.factory, { url: () => wavUrl(0.3), element: () => el })(events, () => undefined, settings);
    ports.push(port);
    const q = Q.setQueue(Q.emptyQueue(1), [LIB, CAT_A], 0);
    await port.play(q, 0);
    expect(lib.calls).toEqual([`play ${LIB}`]);
    // The Web Audio player's handover to its placeholder for the stream.
    lib.events().onAdvance(Q.advance(q, 'auto').queue!);
    expect(lib.calls).toContain('stop');
    await expect.poll(() => el.paused).toBe(false);
    expect(events.advanced).toHaveLength(1);
    await expect.poll(() => events.ended, { timeout: 10_000 }).toBe(1);
  });

  it('seeks by setting the element position and reports a stream that cannot play', async () => {
    const el = new Audio();
    const events = recorder();
    const port = withCatalogStreams(fakeLibrary().factory, { url: () => wavUrl(3), element: () => el })(events, () => undefined, settings);
    ports.push(port);
    await port.play(Q.setQueue(Q.emptyQueue(1), [CAT_A], 0), 1.5);
    expect(el.currentTime).toBeGreaterThanOrEqual(1.5);
    await port.seek(0.5);
    expect(el.currentTime).toBeLessThan(1.5);

    const broken = recorder();
    const bad = withCatalogStreams(fakeLibrary().factory, { url: () => 'data:audio/wav;base64,AAAA', element: () => new Audio() })(broken, () => undefined, settings);
    ports.push(bad);
    await bad.play(Q.setQueue(Q.emptyQueue(1), [CAT_B], 0), 0);
    await expect.poll(() => broken.errors).toEqual([{ message: 'Could not stream the track', id: CAT_B }]);
    expect(bad.isPlaying).toBe(false);
  });

  it('releases the element on dispose', async () => {
    const el = new Audio();
    const lib = fakeLibrary();
    const port = withCatalogStreams(lib.factory, { url: () => wavUrl(2), element: () => el })(recorder(), () => undefined, settings);
    await port.play(Q.setQueue(Q.emptyQueue(1), [CAT_A], 0), 0);
    const spy = vi.spyOn(el, 'removeEventListener');
    port.dispose();
    expect(el.paused).toBe(true);
    expect(el.hasAttribute('src')).toBe(false);
    expect(spy.mock.calls.map((c) => c[0]).sort()).toEqual(['ended', 'error']);
  });
});
