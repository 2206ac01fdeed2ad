/**
 * The GM soundfont engine tests play (Debian musescore-general-soundfont-small; .ci/run installs
 * it). Node only: tests read it, the engine never touches the disk. The engine's tsconfig has no
 * Node types, so `node:fs` is reached by a computed specifier with the two functions typed here.
 */
export const TEST_SOUNDFONT = '/usr/share/sounds/sf3/MuseScore_General_Lite.sf3';

interface NodeFs {
  existsSync(path: string): boolean;
  readFileSync(path: string): Uint8Array;
}

const specifier = ['node', 'fs'].join(':');
const fs = (await import(/* @vite-ignore */ specifier)) as NodeFs;

export const testSoundfontInstalled = (): boolean => fs.existsSync(TEST_SOUNDFONT);

export function testSoundfontBytes(): Uint8Array {
  return new Uint8Array(fs.readFileSync(TEST_SOUNDFONT));
}
