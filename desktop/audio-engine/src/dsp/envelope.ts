/**
 * An ADSR envelope, linear in amplitude in the attack and exponential (one-pole) in decay and
 * release, which is how most hardware synths sound. The attack starts from the current level,
 * so a retriggered or stolen voice does not click back to zero.
 */

export interface AdsrOptions {
  /** Seconds to rise from the current level to 1. */
  attack: number;
  /** Seconds (time constant × 5, i.e. to within 1 %) to fall from 1 to `sustain`. */
  decay: number;
  /** Level held while the key is down, [0, 1]. */
  sustain: number;
  /** Seconds (to within 1 %) to fall to silence after the key is released. */
  release: number;
}

export const DEFAULT_ADSR: Readonly<AdsrOptions> = { attack: 0.005, decay: 0.2, sustain: 0.7, release: 0.2 };

/** Envelope stages (plain numbers: the state lives in a worklet's hot loop). */
export const Stage = { Idle: 0, Attack: 1, Decay: 2, Sustain: 3, Release: 4 } as const;
export type Stage = (typeof Stage)[keyof typeof Stage];

export interface AdsrState {
  stage: Stage;
  level: number;
  /** Per-sample constants, computed once per sample rate. */
  readonly attackStep: number;
  readonly decayCoef: number;
  readonly releaseCoef: number;
  readonly sustain: number;
}

/** Below this the release is over and the voice is free (-100 dB). */
export const ENVELOPE_FLOOR = 1e-5;

/** A one-pole coefficient that falls to 1 % in `time` seconds. */
const coefFor = (time: number, sampleRate: number) => (time <= 0 ? 0 : Math.exp(Math.log(0.01) / (time * sampleRate)));

/**
 * An idle envelope for a sample rate.
 *
 * @example
 * const env = createAdsr({ ...DEFAULT_ADSR, release: 0.5 }, 48_000);
 */
export function createAdsr(options: AdsrOptions, sampleRate: number): AdsrState {
  if (!(sampleRate > 0)) throw new RangeError('sample rate must be positive');
  return {
    stage: Stage.Idle,
    level: 0,
    attackStep: options.attack <= 0 ? 1 : 1 / (options.attack * sampleRate),
    decayCoef: coefFor(options.decay, sampleRate),
    releaseCoef: coefFor(options.release, sampleRate),
    sustain: Math.min(1, Math.max(0, options.sustain)),
  };
}

/** Key down: attack from the current level. */
export function gateOn(env: AdsrState): void {
  env.stage = Stage.Attack;
}

/** Key up: release from the current level. */
export function gateOff(env: AdsrState): void {
  if (env.stage !== Stage.Idle) env.stage = Stage.Release;
}

/**
 * Writes the envelope into `out[from..to)` (overwriting) and advances it.
 *
 * @example
 * renderAdsr(env, gainBlock, 0, 128);
 */
export function renderAdsr(env: AdsrState, out: Float32Array, from = 0, to = out.length): void {
  let { level } = env;
  let stage: Stage = env.stage;
  for (let i = from; i < to; i++) {
    switch (stage) {
      case Stage.Attack:
        level += env.attackStep;
        if (level >= 1) {
          level = 1;
          stage = Stage.Decay;
        }
        break;
      case Stage.Decay:
        level = env.sustain + (level - env.sustain) * env.decayCoef;
        if (level - env.sustain < ENVELOPE_FLOOR) {
          level = env.sustain;
          stage = Stage.Sustain;
        }
        break;
      case Stage.Sustain:
        break;
      case Stage.Release:
        level *= env.releaseCoef;
        if (level < ENVELOPE_FLOOR) {
          level = 0;
          stage = Stage.Idle;
        }
        break;
      case Stage.Idle:
        level = 0;
        break;
    }
    out[i] = level;
  }
  env.level = level;
  env.stage = stage;
}
