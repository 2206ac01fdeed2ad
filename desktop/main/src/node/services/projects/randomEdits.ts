import fc from 'fast-check';
import { EncoreError } from '@encore/shared/errors';
import type { ProjectApi } from '@encore/shared/project/api/ProjectApi';
import { root } from '@encore/shared/project/schema/layout';

/** One edit a user could make, with indices resolved against the tracks present when it runs. */
export type Edit =
  | { op: 'createTrack'; kind: 'audio' | 'instrument' | 'bus'; name: string }
  | { op: 'renameTrack'; at: number; name: string }
  | { op: 'setVolume'; at: number; volumeDb: number }
  | { op: 'deleteTrack'; at: number }
  | { op: 'addMidiClip'; at: number; start: number; pitches: number[] }
  | { op: 'setTempo'; bpm: number }
  | { op: 'setTitle'; title: string }
  | { op: 'addMarker'; tick: number; name: string };

const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ]{0,11}$/);

/** fast-check arbitrary of {@link Edit}. */
export const editArbitrary: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('createTrack' as const), kind: fc.constantFrom('audio' as const, 'instrument' as const, 'bus' as const), name }),
  fc.record({ op: fc.constant('renameTrack' as const), at: fc.nat(20), name }),
  fc.record({ op: fc.constant('setVolume' as const), at: fc.nat(20), volumeDb: fc.integer({ min: -60, max: 6 }) }),
  fc.record({ op: fc.constant('deleteTrack' as const), at: fc.nat(20) }),
  fc.record({ op: fc.constant('addMidiClip' as const), at: fc.nat(20), start: fc.nat(64).map((n) => n * 960), pitches: fc.array(fc.integer({ min: 24, max: 96 }), { maxLength: 6 }) }),
  fc.record({ op: fc.constant('setTempo' as const), bpm: fc.integer({ min: 40, max: 240 }) }),
  fc.record({ op: fc.constant('setTitle' as const), title: name }),
  fc.record({ op: fc.constant('addMarker' as const), tick: fc.nat(1000).map((n) => n * 240), name }),
);

/**
 * Applies an edit through the ProjectApi. Edits that do not apply to the project as it stands
 * (no track at that index, a clip on a non-instrument track) are skipped; returns whether it ran.
 */
export function applyEdit(api: ProjectApi, edit: Edit): boolean {
  const tracks = [...root(api.doc, 'tracks').keys()].filter((id) => id !== 'master').sort();
  const track = 'at' in edit ? tracks[edit.at % Math.max(1, tracks.length)] : undefined;
  try {
    switch (edit.op) {
      case 'createTrack':
        api.createTrack({ kind: edit.kind, name: edit.name });
        return true;
      case 'renameTrack':
        if (!track) return false;
        api.renameTrack({ trackId: track, name: edit.name });
        return true;
      case 'setVolume':
        if (!track) return false;
        api.setVolume({ trackId: track, volumeDb: edit.volumeDb });
        return true;
      case 'deleteTrack':
        if (!track) return false;
        api.deleteTrack({ trackId: track });
        return true;
      case 'addMidiClip':
        if (!track) return false;
        api.addMidiClip({ trackId: track, start: edit.start, length: 3840, notes: edit.pitches.map((pitch, i) => ({ pitch, tick: i * 240, duration: 240 })) });
        return true;
      case 'setTempo':
        api.setTempo({ bpm: edit.bpm });
        return true;
      case 'setTitle':
        api.setTitle({ title: edit.title });
        return true;
      case 'addMarker':
        api.addMarker({ tick: edit.tick, name: edit.name });
        return true;
    }
  } catch (e) {
    // Overlapping clips or a clip on an audio track are refused by the API: a skipped edit.
    if (e instanceof EncoreError && e.code !== 'INTERNAL') return false;
    throw e;
  }
}
