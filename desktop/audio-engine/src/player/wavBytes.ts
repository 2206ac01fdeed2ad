/**
 * Encodes float channels as a 16-bit PCM WAV file. Used by tests to hand the decoder real
 * file bytes (decodeAudioData returns exactly `int16 / 32768`).
 *
 * @example
 * const bytes = encodeWav16([left, right], 44100);
 */
export function encodeWav16(channels: readonly Float32Array[], sampleRate: number): ArrayBuffer {
  const n = channels[0]?.length ?? 0;
  const ch = channels.length;
  const buf = new ArrayBuffer(44 + n * ch * 2);
  const v = new DataView(buf);
  const str = (o: number, s: string) => [...s].forEach((c, i) => v.setUint8(o + i, c.charCodeAt(0)));
  str(0, 'RIFF');
  v.setUint32(4, 36 + n * ch * 2, true);
  str(8, 'WAVEfmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true);
  v.setUint16(22, ch, true);
  v.setUint32(24, sampleRate, true);
  v.setUint32(28, sampleRate * ch * 2, true);
  v.setUint16(32, ch * 2, true);
  v.setUint16(34, 16, true);
  str(36, 'data');
  v.setUint32(40, n * ch * 2, true);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < ch; c++) v.setInt16(44 + (i * ch + c) * 2, quantize16(channels[c]![i]!), true);
  }
  return buf;
}

/** The 16-bit integer a float sample is stored as (clamped, rounded). */
export function quantize16(x: number): number {
  return Math.max(-32768, Math.min(32767, Math.round(x * 32767)));
}
