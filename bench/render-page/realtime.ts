import { Player } from '@encore/audio-engine/core/player';
import { WORKLET_URLS } from '@encore/audio-engine/worklets/urls';
import { loopBuffer, loadProject, loopHash, type LoadTrackKind } from './project';

/** One trial of the real-time load benchmark: `tracks` tracks of `kind` playing on a real-time context. */
export interface LoadTrial {
  readonly kind: LoadTrackKind;
  readonly tracks: number;
  /** Seconds of music the project holds (longer than the trial plays). */
  readonly seconds: number;
}

let current: { context: AudioContext; player: Player; wall0: number; time0: number } | null = null;

/** Builds the trial's project and starts it on a new real-time context at a 128-frame quantum. */
async function startTrial(t: LoadTrial): Promise<{ sampleRate: number; quantum: number; baseLatency: number }> {
  await stopTrial();
  const options: AudioContextOptions & { renderSizeHint?: number } = { latencyHint: 'interactive', sampleRate: 48_000, renderSizeHint: 128 };
  const context = new AudioContext(options);
  const buffers = new Map(Array.from({ length: 16 }, (_, i) => [loopHash(i), loopBuffer(i, context.sampleRate)] as const));
  const player = await Player.create(context, loadProject(t.kind, t.tracks, t.seconds), { worklets: WORKLET_URLS, buffers });
  await context.resume();
  player.play(0);
  current = { context, player, wall0: 0, time0: 0 };
  return { sampleRate: context.sampleRate, quantum: (context as AudioContext & { renderQuantumSize?: number }).renderQuantumSize ?? 128, baseLatency: context.baseLatency };
}

/** Marks the start of the measured span. */
function mark(): void {
  if (!current) throw new Error('no trial');
  current.wall0 = performance.now();
  current.time0 = current.context.currentTime;
}

/**
 * The measured span so far: wall seconds, seconds the context rendered, and the frames it fell
 * behind the wall clock (each quantum the render thread could not deliver in time is missing
 * from the context's clock: the headless audio sink does not wait for a late render).
 */
function measure(): { wallSeconds: number; renderedSeconds: number; missingFrames: number } {
  if (!current) throw new Error('no trial');
  const wallSeconds = (performance.now() - current.wall0) / 1000;
  const renderedSeconds = current.context.currentTime - current.time0;
  return { wallSeconds, renderedSeconds, missingFrames: Math.max(0, Math.round((wallSeconds - renderedSeconds) * current.context.sampleRate)) };
}

async function stopTrial(): Promise<void> {
  if (!current) return;
  const { context, player } = current;
  current = null;
  player.dispose();
  await context.close();
}

Object.assign(window, { loadBench: { startTrial, mark, measure, stopTrial } });
