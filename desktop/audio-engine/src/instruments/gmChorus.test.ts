import { describe, expect, it } from 'vitest';
import { SpessaSynthProcessor, type ChorusProcessor } from 'spessasynth_core';
import { sine } from '../dsp/testSignals';
import { GmChorus } from './gmChorus';

const SR = 44_100;
const B = 128;

/** Runs a chorus over `input` block by block; returns its left output. */
function run(chorus: ChorusProcessor, input: Float32Array): Float32Array {
  const left = new Float32Array(input.length);
  const right = new Float32Array(input.length);
  const rev = new Float32Array(B);
  const del = new Float32Array(B);
  for (let s = 0; s < input.length; s += B) chorus.process(input.subarray(s, s + B), left, right, rev, del, s, Math.min(B, input.length - s));
  return left;
}

describe('GM chorus with idle skip', () => {
  it('sounds like spessasynth’s chorus through a burst, the silence after it, and a second burst', () => {
    const input = new Float32Array(7 * SR);
    input.set(sine(SR / 2, 330, SR, 0.5), 0);
    input.set(sine(SR / 2, 550, SR, 0.5), 6 * SR);
    const reference = new SpessaSynthProcessor(SR, { maxBufferSize: B, effectsEnabled: true }).chorusProcessor;
    const skipping = new GmChorus(SR, B);
    for (const c of [reference, skipping]) Object.assign(c, { level: 64, depth: 64, rate: 3, delay: 80, feedback: 8 });
    const a = run(reference, input);
    const b = run(skipping, input.subarray(0, 6 * SR));
    expect(skipping.resting).toBe(true);
    const rest = run(skipping, input.subarray(6 * SR));
    expect(skipping.resting).toBe(false);
    const all = new Float32Array(a.length);
    all.set(b);
    all.set(rest, 6 * SR);
    expect(Math.max(...a.subarray(6 * SR).map(Math.abs))).toBeGreaterThan(0.01);
    let worst = 0;
    for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - all[i]!));
    expect(worst).toBeLessThan(1e-6);
  });
});
