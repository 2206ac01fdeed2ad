import { z } from 'zod';
import { createStore, type StoreApi } from 'zustand/vanilla';

/**
 * Recording settings of this machine (never in the document: another machine has another
 * round trip): the measured latency, input monitoring, punch-in, the computer keyboard as MIDI
 * and quantising recorded notes. Saved in localStorage and parsed on the way back in.
 */
export const RecordSettings = z.object({
  /** The measured round trip (seconds) recorded clips move earlier by; null until calibrated. */
  roundTrip: z.number().min(0).max(2).nullable().default(null),
  /** The context's output latency when it was measured (shown beside it). */
  outputLatency: z.number().min(0).max(2).nullable().default(null),
  measuredAt: z.iso.datetime().nullable().default(null),
  monitoring: z.boolean().default(false),
  /** Record only inside the loop region while the loop is on. */
  punch: z.boolean().default(false),
  keyboardMidi: z.boolean().default(false),
  /** Move recorded notes onto the editor's snap grid. */
  quantize: z.boolean().default(false),
});
export type RecordSettings = z.infer<typeof RecordSettings>;

const KEY = 'encore.studio.recording';

function load(storage: Storage | null): RecordSettings {
  const fallback = RecordSettings.parse({});
  if (!storage) return fallback;
  try {
    const parsed = RecordSettings.safeParse(JSON.parse(storage.getItem(KEY) ?? '{}'));
    return parsed.success ? parsed.data : fallback;
  } catch (e) {
    console.warn('studio: recording settings unreadable, using defaults', e);
    return fallback;
  }
}

/**
 * The settings store, written back to `storage` on every change.
 *
 * @example
 * const settings = createRecordSettings(localStorage);
 * settings.setState({ monitoring: true });
 */
export function createRecordSettings(storage: Storage | null = typeof localStorage === 'undefined' ? null : localStorage): StoreApi<RecordSettings> {
  const store = createStore<RecordSettings>(() => load(storage));
  store.subscribe((s) => storage?.setItem(KEY, JSON.stringify(s)));
  return store;
}
