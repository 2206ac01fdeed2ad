import { describe, expect, it } from 'vitest';
import type { MidiClipSnapshot } from '../read/snapshot';
import { expectRejected, setup } from '../testing.fixtures';

function withClip(start = 0, offset = 0) {
  const ctx = setup();
  const trackId = ctx.api.createTrack({ kind: 'instrument' });
  const clipId = ctx.api.addMidiClip({ trackId, start, length: 7680, offset });
  const notes = () => (ctx.read().tracks[0]?.clips[0] as MidiClipSnapshot).notes;
  return { ...ctx, clipId, notes };
}

describe('ProjectApi: notes', () => {
  it('adds, moves, resizes, re-velocities and deletes notes', () => {
    const { api, clipId, notes } = withClip();
    const [a, b] = api.addNotes({ clipId, notes: [{ pitch: 60, tick: 0, duration: 480 }, { pitch: 64, tick: 480, duration: 480, velocity: 80 }] }) as [string, string];
    const c = api.addNote({ clipId, pitch: 67, tick: 960, duration: 240 });
    api.moveNotes({ clipId, noteIds: [a, b], deltaTicks: 120, deltaPitch: 2 });
    api.resizeNotes({ clipId, noteIds: [c], deltaTicks: 240 });
    api.setVelocity({ clipId, noteIds: [a, c], velocity: 127 });
    expect(notes().map((n) => [n.id, n.pitch, n.tick, n.duration, n.velocity])).toEqual([
      [a, 62, 120, 480, 127],
      [b, 66, 600, 480, 80],
      [c, 67, 960, 480, 127],
    ]);
    api.deleteNotes({ clipId, noteIds: [b] });
    expect(notes().map((n) => n.id)).toEqual([a, c]);
  });

  it('refuses edits that would make any selected note invalid, writing none', () => {
    const { doc, api, clipId } = withClip();
    const [a, b] = api.addNotes({ clipId, notes: [{ pitch: 120, tick: 0, duration: 480 }, { pitch: 10, tick: 480, duration: 480 }] }) as [string, string];
    expectRejected(doc, () => api.moveNotes({ clipId, noteIds: [b, a], deltaPitch: 10 }), 'VALIDATION_FAILED', /would become invalid/);
    expectRejected(doc, () => api.moveNotes({ clipId, noteIds: [a, b], deltaTicks: -100 }), 'VALIDATION_FAILED');
    expectRejected(doc, () => api.resizeNotes({ clipId, noteIds: [a], deltaTicks: -480 }), 'VALIDATION_FAILED');
    expectRejected(doc, () => api.setVelocity({ clipId, noteIds: [a], velocity: 0 }), 'VALIDATION_FAILED');
    expectRejected(doc, () => api.deleteNotes({ clipId, noteIds: [a, 'gone'] }), 'NOT_FOUND', /gone/);
    expectRejected(doc, () => api.addNote({ clipId, pitch: 128, tick: 0, duration: 1 }), 'VALIDATION_FAILED');
  });

  it('quantizes to straight and triplet grids with strength, measured from the song start', () => {
    const { api, clipId, notes } = withClip(100, 0);
    // absolute ticks: 100+150=250, 100+290=390, 100+500=600
    api.addNotes({ clipId, notes: [{ pitch: 60, tick: 150, duration: 100 }, { pitch: 61, tick: 290, duration: 100 }, { pitch: 62, tick: 500, duration: 100 }] });
    api.quantizeNotes({ clipId, grid: { division: 16 } });
    expect(notes().map((n) => n.tick + 100)).toEqual([240, 480, 720]);
    api.quantizeNotes({ clipId, grid: { division: 8, triplet: true }, strength: 0.5 });
    // halfway to the nearest eighth-triplet line: 240 → 320 gives 280, 480 → 640 gives 560, 720 → 640 gives 680
    expect(notes().map((n) => n.tick + 100)).toEqual([280, 560, 680]);
  });

  it('quantizes ends, never shrinking a note to nothing, and a selection only', () => {
    const { api, clipId, notes } = withClip();
    const [a, b] = api.addNotes({ clipId, notes: [{ pitch: 60, tick: 10, duration: 200 }, { pitch: 61, tick: 970, duration: 30 }] }) as [string, string];
    api.quantizeNotes({ clipId, noteIds: [b], grid: { division: 4 }, ends: true });
    expect(notes().map((n) => [n.id, n.tick, n.duration])).toEqual([[a, 10, 200], [b, 960, 960]]);
  });

  it('refuses notes on audio clips', () => {
    const { doc, api } = setup();
    const t = api.createTrack({ kind: 'audio' });
    api.addAsset({ hash: 'c'.repeat(64), name: 'a.wav', mimeType: 'audio/wav', byteLength: 1, durationSeconds: 1, sampleRate: 44100, channels: 1 });
    const clipId = api.addAudioClip({ trackId: t, start: 0, length: 960, assetHash: 'c'.repeat(64) });
    expectRejected(doc, () => api.addNote({ clipId, pitch: 60, tick: 0, duration: 1 }), 'BAD_REQUEST', /MIDI clips/);
  });
});
