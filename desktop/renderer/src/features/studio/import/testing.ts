import * as Y from 'yjs';
import { encodeWav } from '@encore/audio-engine/io/wav';
import { createEmptyProject } from '@encore/shared/project/templates/emptyProject';
import { createProjectSession, type ProjectSession } from '../model/projectSession';

/** An empty 120 BPM project session for import and recording tests. */
export function emptySession(origin = 'tester'): ProjectSession {
  const doc = new Y.Doc();
  createEmptyProject(doc, { title: 'Media', bpm: 120 });
  return createProjectSession(doc, { origin });
}

/** A WAV file of a sine at `frequency` and `amplitude`, `seconds` long, in every channel. */
export function toneWav(o: { seconds: number; sampleRate?: number; channels?: number; frequency?: number; amplitude?: number; bitDepth?: 16 | 24 | '32f' }): Uint8Array {
  const rate = o.sampleRate ?? 44_100;
  const length = Math.round(o.seconds * rate);
  const data = Float32Array.from({ length }, (_, i) => (o.amplitude ?? 0.5) * Math.sin((2 * Math.PI * (o.frequency ?? 440) * i) / rate));
  return encodeWav({ sampleRate: rate, numberOfChannels: o.channels ?? 2, length, getChannelData: () => data }, { bitDepth: o.bitDepth ?? 16, dither: false });
}

/** The same bytes as a File, as the picker or a drop gives them. */
export const fileOf = (bytes: Uint8Array, name: string, type = ''): File => new File([bytes as Uint8Array<ArrayBuffer>], name, { type });
