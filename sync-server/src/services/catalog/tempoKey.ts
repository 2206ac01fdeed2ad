import { spawn } from 'node:child_process';
import { ANALYSIS_RATE, TempoKeyAnalyzer } from '@encore/shared/audioAnalysis/tempoKey';

/** Tempo and key as the catalog stores them. */
export interface TempoKey {
  bpm: number | null;
  key: string | null;
}

/** Only the opening minutes are analysed: a long mix has no single tempo or key, and it bounds the work. */
const MAX_ANALYSED_SECONDS = 600;

/**
 * Tempo and key of an audio file: ffmpeg decodes it to mono 32-bit float PCM at the analysis
 * rate (11 025 Hz), streamed through the shared kernels, never held whole in memory.
 *
 * @example
 * await analyseTempoKey('/data/blobs/ab/abcd...') // { bpm: 120, key: 'A minor' }
 */
export function analyseTempoKey(file: string): Promise<TempoKey> {
  return new Promise((resolve, reject) => {
    const args = ['-nostdin', '-v', 'error', '-i', file, '-map', '0:a:0', '-t', String(MAX_ANALYSED_SECONDS), '-ac', '1', '-ar', String(ANALYSIS_RATE), '-f', 'f32le', '-'];
    const child = spawn('ffmpeg', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const analyzer = new TempoKeyAnalyzer(ANALYSIS_RATE);
    let carry: Buffer | undefined;
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => void (stderr = (stderr + d.toString()).slice(-2000)));
    child.stdout.on('data', (d: Buffer) => {
      const buf = carry ? Buffer.concat([carry, d]) : d;
      const whole = buf.length - (buf.length % 4);
      // Copy into an aligned array: a Buffer chunk's offset need not be a multiple of 4.
      const samples = new Float32Array(whole / 4);
      for (let i = 0; i < samples.length; i++) samples[i] = buf.readFloatLE(i * 4);
      analyzer.push(samples);
      carry = whole < buf.length ? buf.subarray(whole) : undefined;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`ffmpeg analysis decode failed: ${stderr.trim()}`));
      const { tempo, key } = analyzer.finish();
      resolve({ bpm: tempo?.bpm ?? null, key: key?.key ?? null });
    });
  });
}
