import * as Y from 'yjs';
import { createEmptyProject } from '@encore/shared/project/templates/emptyProject';
import { createProjectSession, type ProjectSession } from '../model/projectSession';

/** A4 = MIDI 69 = 440 Hz. */
export const MELODY_PITCH = 69;

/**
 * A small project for the studio's audio tests: 120 BPM 4/4, one synth track "Synth" with a
 * two-bar clip (4 s) of A4 quarter notes, and the loop over bar 1.
 */
export function melodySession(origin = 'tester'): { session: ProjectSession; trackId: string; clipId: string } {
  const doc = new Y.Doc();
  createEmptyProject(doc, { title: 'Melody', bpm: 120 });
  const session = createProjectSession(doc, { origin });
  const trackId = session.api.createTrack({ kind: 'instrument', name: 'Synth' });
  const notes = Array.from({ length: 8 }, (_, i) => ({ pitch: MELODY_PITCH, tick: i * 960, duration: 720, velocity: 110 }));
  const clipId = session.api.addMidiClip({ trackId, start: 0, length: 2 * 3840, name: 'Melody', notes });
  session.api.setLoop({ start: 0, end: 3840, enabled: false });
  return { session, trackId, clipId };
}

/** RMS of every channel of `audio` together. */
export function rms(channels: readonly Float32Array[]): number {
  let sum = 0;
  let n = 0;
  for (const c of channels) for (let i = 0; i < c.length; i++, n++) sum += c[i]! * c[i]!;
  return Math.sqrt(sum / Math.max(1, n));
}
