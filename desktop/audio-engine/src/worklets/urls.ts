/// <reference types="vite/client" />
import channelUrl from './channel.worklet.ts?worker&url';
import dynamicsUrl from './dynamics.worklet.ts?worker&url';
import limiterUrl from './limiter.worklet.ts?worker&url';
import meterUrl from './meter.worklet.ts?worker&url';
import recorderUrl from './recorder.worklet.ts?worker&url';
import reverbUrl from './reverb.worklet.ts?worker&url';
import voiceBankUrl from './voiceBank.worklet.ts?worker&url';
import type { WorkletUrls } from '../nodes/worklets';

/**
 * The worklet module URLs as Vite serves them (dev) or bundles them (build: `?worker&url` makes
 * each processor a self-contained script with its kernels inlined, which `addModule` needs).
 * Import this from Vite-built code only; elsewhere pass your own {@link WorkletUrls}.
 *
 * @example
 * await loadWorklets(context, WORKLET_URLS);
 */
export const WORKLET_URLS: WorkletUrls = {
  voiceBank: voiceBankUrl,
  meter: meterUrl,
  limiter: limiterUrl,
  reverb: reverbUrl,
  dynamics: dynamicsUrl,
  channel: channelUrl,
};

/** The recorder processor (nodes/RecorderNode.ts), loaded only by contexts that record. */
export const RECORDER_WORKLET_URL: string = recorderUrl;
