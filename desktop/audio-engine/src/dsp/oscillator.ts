/**
 * Band-limited oscillators by polyBLEP: a naive waveform plus a two-sample polynomial residual
 * at each discontinuity, which removes most of the aliasing of a naive saw or square for the
 * cost of a few multiplies. The triangle is a leaky-integrated polyBLEP square (its corners are
 * then band-limited too); the sine needs no correction.
 */

export type Waveform = 'sine' | 'triangle' | 'square' | 'sawtooth';

/** The running state of one oscillator; `phase` is in cycles, [0, 1). */
export interface OscillatorState {
  phase: number;
  /** The triangle's integrator. */
  integrator: number;
}

/**
 * An oscillator at phase `phase` (cycles).
 *
 * @example
 * const osc = createOscillator();
 */
export function createOscillator(phase = 0): OscillatorState {
  const p = phase - Math.floor(phase);
  // The triangle's value at this phase, so it starts centred instead of drifting in from 0.
  return { phase: p, integrator: p < 0.5 ? -1 + 4 * p : 3 - 4 * p };
}

/** The polyBLEP residual at phase `t` (cycles) for a phase increment `dt` (cycles per sample). */
export function polyBlep(t: number, dt: number): number {
  if (t < dt) {
    const x = t / dt;
    return x + x - x * x - 1;
  }
  if (t > 1 - dt) {
    const x = (t - 1) / dt;
    return x * x + x + x + 1;
  }
  return 0;
}

const TWO_PI = 2 * Math.PI;

/**
 * Adds `gain ×` the waveform at `frequency` (Hz) into `out[from..to)` and advances the state;
 * with `envelope`, each sample is also scaled by `envelope[i]` (a voice's ADSR, in the same
 * pass). Adding (rather than writing) lets a voice bank sum its voices into one buffer.
 *
 * @example
 * const out = new Float32Array(128);
 * renderOscillator(osc, 'sawtooth', 440, 48_000, out, 0, 128, 0.5);
 */
export function renderOscillator(
  state: OscillatorState,
  waveform: Waveform,
  frequency: number,
  sampleRate: number,
  out: Float32Array,
  from = 0,
  to = out.length,
  gain = 1,
  envelope?: Float32Array,
): void {
  const dt = Math.min(0.5, Math.abs(frequency) / sampleRate);
  const env = envelope ?? null;
  let phase = state.phase;
  switch (waveform) {
    case 'sine':
      for (let i = from; i < to; i++) {
        out[i]! += (env === null ? gain : gain * env[i]!) * Math.sin(TWO_PI * phase);
        phase += dt;
        if (phase >= 1) phase -= 1;
      }
      break;
    case 'sawtooth':
      for (let i = from; i < to; i++) {
        out[i]! += (env === null ? gain : gain * env[i]!) * (2 * phase - 1 - polyBlep(phase, dt));
        phase += dt;
        if (phase >= 1) phase -= 1;
      }
      break;
    case 'square':
      for (let i = from; i < to; i++) {
        out[i]! += (env === null ? gain : gain * env[i]!) * squareSample(phase, dt);
        phase += dt;
        if (phase >= 1) phase -= 1;
      }
      break;
    case 'triangle': {
      // Integrating a ±1 square of slope 4·dt per sample gives a ±1 triangle; the leak keeps
      // the integrator from drifting when the frequency changes.
      let acc = state.integrator;
      const k = 4 * dt;
      for (let i = from; i < to; i++) {
        acc = k * squareSample(phase, dt) + (1 - 0.0005) * acc;
        out[i]! += (env === null ? gain : gain * env[i]!) * acc;
        phase += dt;
        if (phase >= 1) phase -= 1;
      }
      state.integrator = acc;
      break;
    }
  }
  state.phase = phase;
}

function squareSample(phase: number, dt: number): number {
  let t2 = phase + 0.5;
  if (t2 >= 1) t2 -= 1;
  return (phase < 0.5 ? 1 : -1) + polyBlep(phase, dt) - polyBlep(t2, dt);
}

/**
 * Frequency of a MIDI pitch in 12-tone equal temperament (A4 = 69 = 440 Hz).
 *
 * @example
 * midiToHz(69); // 440
 */
export function midiToHz(pitch: number, a4 = 440): number {
  return a4 * 2 ** ((pitch - 69) / 12);
}
