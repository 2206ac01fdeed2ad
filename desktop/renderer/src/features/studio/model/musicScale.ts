/** Scales the piano roll can highlight: semitones from the root. */
export const SCALES = {
  chromatic: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
  major: [0, 2, 4, 5, 7, 9, 11],
  minor: [0, 2, 3, 5, 7, 8, 10],
  dorian: [0, 2, 3, 5, 7, 9, 10],
  'minor pentatonic': [0, 3, 5, 7, 10],
} as const;
export type ScaleName = keyof typeof SCALES;

export const NOTE_NAMES = ['C', 'C♯', 'D', 'D♯', 'E', 'F', 'F♯', 'G', 'G♯', 'A', 'A♯', 'B'] as const;

/**
 * True when a pitch belongs to the scale on `root` (0 = C).
 *
 * @example
 * inScale(64, 0, 'major'); // true (E in C major)
 */
export function inScale(pitch: number, root: number, scale: ScaleName): boolean {
  const degree = (((pitch - root) % 12) + 12) % 12;
  return (SCALES[scale] as readonly number[]).includes(degree);
}

export const isBlackKey = (pitch: number): boolean => [1, 3, 6, 8, 10].includes(pitch % 12);

/** Scientific pitch name, middle C (60) being C4. */
export function pitchName(pitch: number): string {
  return `${NOTE_NAMES[pitch % 12]}${Math.floor(pitch / 12) - 1}`;
}
