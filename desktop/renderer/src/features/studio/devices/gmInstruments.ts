import { Midi } from '@encore/shared/interchange/tonejsMidi';
import { titleCase } from '@encore/shared/interchange/gm';

/**
 * The 128 General MIDI programs by number, named as @tonejs/midi (and the GM spec) name them,
 * in title case: "Acoustic Grand Piano", … "Gunshot".
 */
export const GM_PROGRAMS: readonly string[] = (() => {
  const track = new Midi().addTrack();
  return Array.from({ length: 128 }, (_, program) => {
    track.instrument.number = program;
    return titleCase(track.instrument.name);
  });
})();

/** GM's 16 families of 8 programs, for grouping the program picker. */
export const GM_FAMILIES: readonly string[] = [
  'Piano', 'Chromatic percussion', 'Organ', 'Guitar', 'Bass', 'Strings', 'Ensemble', 'Brass',
  'Reed', 'Pipe', 'Synth lead', 'Synth pad', 'Synth effects', 'Ethnic', 'Percussive', 'Sound effects',
];

/**
 * The drum kits the soundfont player knows (GM2/GS kit programs; the engine matches these names
 * by their words, `drumKitProgram` in the audio engine).
 */
export const DRUM_KITS: readonly string[] = ['Standard', 'Room', 'Power', 'Electronic', 'TR-808', 'Jazz', 'Brush', 'Orchestra', 'SFX'];
