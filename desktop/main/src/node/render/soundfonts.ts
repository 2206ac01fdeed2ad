import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { EncoreError } from '@encore/shared/errors';
import { parseSoundBank, type SoundBank } from '@encore/audio-engine/instruments/gmSynth';

/** Debian's General MIDI soundfonts, in order of preference (musescore-general-soundfont-small, fluidr3mono-gm-soundfont). */
export const DEFAULT_SOUNDFONTS: readonly string[] = [
  '/usr/share/sounds/sf3/MuseScore_General_Lite.sf3',
  '/usr/share/sounds/sf3/MuseScore_General.sf3',
  '/usr/share/sounds/sf3/FluidR3Mono_GM.sf3',
  '/usr/share/sounds/sf2/FluidR3Mono_GM.sf2',
  '/usr/share/sounds/sf2/FluidR3_GM.sf2',
  '/usr/share/sounds/sf2/default-GM.sf2',
];

/** The soundfont to use: the one asked for, else `ENCORE_SOUNDFONT`, else the first installed default. */
export function resolveSoundfont(asked: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = asked ?? env.ENCORE_SOUNDFONT;
  if (chosen !== undefined && chosen !== '') {
    if (!existsSync(chosen)) throw new EncoreError('NOT_FOUND', `soundfont ${chosen} does not exist`, { reason: 'missing-soundfont' });
    return chosen;
  }
  const found = DEFAULT_SOUNDFONTS.find((p) => existsSync(p));
  if (!found) {
    throw new EncoreError('NOT_FOUND', `no General MIDI soundfont found: pass --soundfont <file.sf2|sf3>, or install one (Debian: apt-get install musescore-general-soundfont-small) — looked for ${DEFAULT_SOUNDFONTS.join(', ')}`, { reason: 'missing-soundfont' });
  }
  return found;
}

/** Reads and parses an SF2/SF3 file; BAD_REQUEST when it is not one. */
export async function loadSoundfont(path: string): Promise<SoundBank> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (e) {
    throw new EncoreError('NOT_FOUND', `soundfont ${path} cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`, { reason: 'missing-soundfont' });
  }
  try {
    return parseSoundBank(bytes);
  } catch (e) {
    throw new EncoreError('BAD_REQUEST', `soundfont ${path}: ${e instanceof Error ? e.message : String(e)}`, { reason: 'bad-soundfont' });
  }
}
