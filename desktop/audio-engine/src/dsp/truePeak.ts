/**
 * True-peak estimation by 4x oversampling, as in ITU-R BS.1770-4 Annex 2: a 48-tap FIR
 * interpolator split into 4 polyphase branches of 12 taps, one per sub-sample position.
 * Inter-sample peaks are what clip a DAC or a lossy encoder even when no sample reaches 0 dBFS,
 * which is why publishing checks true peak rather than sample peak.
 */

/** The Annex 2 coefficients, one row per phase; `PHASES[p][k]` multiplies `x[n - k]`. */
const PHASES: readonly (readonly number[])[] = [
  [0.0017089843750, 0.0109863281250, -0.0196533203125, 0.0332031250000, -0.0594482421875, 0.1373291015625, 0.9721679687500, -0.1022949218750, 0.0476074218750, -0.0266113281250, 0.0148925781250, -0.0083007812500],
  [-0.0291748046875, 0.0292968750000, -0.0517578125000, 0.0891113281250, -0.1665039062500, 0.4650878906250, 0.7797851562500, -0.2003173828125, 0.1015625000000, -0.0582275390625, 0.0330810546875, -0.0189208984375],
  [-0.0189208984375, 0.0330810546875, -0.0582275390625, 0.1015625000000, -0.2003173828125, 0.7797851562500, 0.4650878906250, -0.1665039062500, 0.0891113281250, -0.0517578125000, 0.0292968750000, -0.0291748046875],
  [-0.0083007812500, 0.0148925781250, -0.0266113281250, 0.0476074218750, -0.1022949218750, 0.9721679687500, 0.1373291015625, -0.0594482421875, 0.0332031250000, -0.0196533203125, 0.0109863281250, 0.0017089843750],
];

/** Taps per phase. */
export const TRUE_PEAK_TAPS = 12;

/** How many past samples the interpolator reads: pass them as `history` to measure a stream block by block. */
export const TRUE_PEAK_HISTORY = TRUE_PEAK_TAPS - 1;

/**
 * The true peak (linear, absolute) of `block`, never below its sample peak.
 *
 * `history` holds the {@link TRUE_PEAK_HISTORY} samples that preceded the block (oldest first);
 * without it the signal is taken to start from silence, which is exact for a whole file and
 * lets a stream be measured seamlessly when each block passes the tail of the previous one.
 *
 * The Annex's 12.04 dB attenuation before interpolation is omitted: it gives headroom to
 * fixed-point implementations, and this one computes in float64.
 *
 * @example
 * const sine = Float32Array.from({ length: 480 }, (_, n) => Math.sin((Math.PI / 2) * n + Math.PI / 4));
 * truePeak(sine); // ≈ 1.0 although every sample is ±0.707
 */
export function truePeak(block: Float32Array, history?: Float32Array): number {
  const h = TRUE_PEAK_HISTORY;
  // One contiguous buffer (history, then block) keeps the inner loop free of branches.
  const x = new Float64Array(h + block.length);
  if (history) x.set(history.subarray(Math.max(0, history.length - h)), h - Math.min(h, history.length));
  x.set(block, h);
  let max = 0;
  for (let n = h; n < x.length; n++) {
    const s = Math.abs(x[n]!);
    if (s > max) max = s;
    for (const taps of PHASES) {
      let y = 0;
      for (let k = 0; k < TRUE_PEAK_TAPS; k++) y += taps[k]! * x[n - k]!;
      const a = Math.abs(y);
      if (a > max) max = a;
    }
  }
  return max;
}

/**
 * The last {@link TRUE_PEAK_HISTORY} samples of `previous` followed by `block`: the history to
 * pass with the next block.
 *
 * @example
 * let history = new Float32Array(TRUE_PEAK_HISTORY);
 * for (const block of blocks) { truePeak(block, history); history = nextHistory(history, block); }
 */
export function nextHistory(previous: Float32Array, block: Float32Array): Float32Array {
  const h = TRUE_PEAK_HISTORY;
  const out = new Float32Array(h);
  // Right-aligned: the newest sample always sits last, whatever the block and history lengths.
  const fromBlock = Math.min(h, block.length);
  out.set(block.subarray(block.length - fromBlock), h - fromBlock);
  const fromPrevious = Math.min(h - fromBlock, previous.length);
  out.set(previous.subarray(previous.length - fromPrevious), h - fromBlock - fromPrevious);
  return out;
}
