import * as tonejsMidi from '@tonejs/midi';

/**
 * @tonejs/midi's `Midi` class, wherever the module is loaded. Bundlers (Vite) take the
 * package's ES module and see the named export; Node's ESM loader takes its UMD main file,
 * whose exports it cannot detect, and hands over `module.exports` as the default export.
 */
export const Midi: typeof tonejsMidi.Midi =
  tonejsMidi.Midi ?? (tonejsMidi as unknown as { default: { Midi: typeof tonejsMidi.Midi } }).default.Midi;
export type Midi = tonejsMidi.Midi;
