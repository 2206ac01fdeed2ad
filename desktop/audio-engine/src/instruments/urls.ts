/// <reference types="vite/client" />
import soundfontUrl from './soundfont.worklet.ts?worker&url';

/**
 * The soundfont processor's module URL as Vite serves or bundles it (spessasynth_core inlined).
 * Import from Vite-built code only; elsewhere pass your own URL in the SoundfontSource.
 *
 * @example
 * useSoundfont({ id, bytes, moduleUrl: SOUNDFONT_WORKLET_URL });
 */
export const SOUNDFONT_WORKLET_URL: string = soundfontUrl;
