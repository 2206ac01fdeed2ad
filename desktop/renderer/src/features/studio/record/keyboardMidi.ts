/**
 * The computer keyboard as a MIDI keyboard: the A row plays white keys from C (A S D F G H J K
 * L ;), the row above the black keys between them (W E, T Y U, O P), Z and X shift the octave.
 * Layout-independent: it reads `KeyboardEvent.code`, the physical key.
 */

const WHITE: readonly string[] = ['KeyA', 'KeyS', 'KeyD', 'KeyF', 'KeyG', 'KeyH', 'KeyJ', 'KeyK', 'KeyL', 'Semicolon'];
const WHITE_STEPS = [0, 2, 4, 5, 7, 9, 11, 12, 14, 16];
const BLACK: Readonly<Record<string, number>> = { KeyW: 1, KeyE: 3, KeyT: 6, KeyY: 8, KeyU: 10, KeyO: 13, KeyP: 15 };

/** The octave of the A key's C at start: C4 = MIDI 60. */
export const DEFAULT_OCTAVE = 4;

/**
 * The MIDI pitch of a key in `octave`, or null when the key plays nothing.
 *
 * @example
 * pitchForCode('KeyA', 4); // 60 (C4)
 * pitchForCode('KeyW', 4); // 61 (C#4)
 */
export function pitchForCode(code: string, octave: number): number | null {
  const white = WHITE.indexOf(code);
  const step = white >= 0 ? WHITE_STEPS[white] : BLACK[code];
  if (step === undefined) return null;
  const pitch = (octave + 1) * 12 + step;
  return pitch >= 0 && pitch <= 127 ? pitch : null;
}

/** The octave after Z (down) or X (up), within 0…8; null for other keys. */
export function octaveForCode(code: string, octave: number): number | null {
  if (code === 'KeyZ') return Math.max(0, octave - 1);
  if (code === 'KeyX') return Math.min(8, octave + 1);
  return null;
}

/** True for the keys the MIDI keyboard takes over while it is on. */
export const isMidiKey = (code: string): boolean => code === 'KeyZ' || code === 'KeyX' || pitchForCode(code, DEFAULT_OCTAVE) !== null;
