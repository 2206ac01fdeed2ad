import { spawn } from 'node:child_process';

/** One encoded file of a transcode: ffmpeg's codec/format arguments and where it goes. */
export interface TranscodeOutput {
  readonly file: string;
  readonly args: readonly string[];
}

/** Mono 32-bit float PCM at `rate`, handed over block by block while ffmpeg decodes. */
export interface PcmTap {
  readonly rate: number;
  onSamples(mono: Float32Array): void;
}

export interface TranscodeJob {
  readonly outputs: readonly TranscodeOutput[];
  /** A mono PCM copy on ffmpeg's stdout, for analysis in the same decode. */
  readonly pcm?: PcmTap;
  /** Measure EBU R128 loudness and true peak on the same decode. */
  readonly loudness?: boolean;
}

export interface Loudness {
  integratedLufs: number;
  truePeakDbtp: number;
}

const STDERR_TAIL = 64 * 1024;

/**
 * The ffmpeg arguments of a {@link TranscodeJob}: one input decoded once, several outputs.
 * Exported for tests that check the plan without running it.
 */
export function transcodeArgs(source: string, job: TranscodeJob): string[] {
  // The loudness summary is printed at info level; without it, errors only.
  const args = ['-nostdin', '-hide_banner', '-nostats', '-y', '-v', job.loudness ? 'info' : 'error', '-i', source];
  for (const o of job.outputs) args.push('-map', '0:a:0', '-vn', '-map_metadata', '-1', ...o.args, o.file);
  // ebur128 runs before the mix-down/resampling of the PCM tap (ffmpeg appends those after -af), so it measures the master itself.
  const meter = job.loudness ? ['-af', 'ebur128=peak=true'] : [];
  if (job.pcm) args.push('-map', '0:a:0', ...meter, '-ac', '1', '-ar', String(job.pcm.rate), '-f', 'f32le', 'pipe:1');
  else if (job.loudness) args.push('-map', '0:a:0', ...meter, '-f', 'null', '-');
  return args;
}

/**
 * Decodes `source` ONCE and writes every output of the job from that decode (one ffmpeg
 * process, several outputs), optionally streaming a mono PCM copy to `pcm.onSamples` and
 * measuring loudness on it. Rejects with the tail of ffmpeg's errors.
 *
 * @example
 * const { loudness } = await transcode(master, {
 *   outputs: [{ file: '/tmp/a.ogg', args: ['-c:a', 'libopus', '-b:a', '96k', '-f', 'ogg'] }],
 *   pcm: { rate: 11_025, onSamples: (x) => analyzer.push(x) },
 *   loudness: true,
 * });
 */
export function transcode(source: string, job: TranscodeJob): Promise<{ loudness?: Loudness }> {
  return new Promise((resolve, reject) => {
    const child = spawn('ffmpeg', transcodeArgs(source, job), { stdio: ['ignore', job.pcm ? 'pipe' : 'ignore', 'pipe'] });
    let stderr = '';
    let carry: Buffer | undefined;
    let failed: unknown;
    child.stderr?.on('data', (d: Buffer) => void (stderr = (stderr + d.toString()).slice(-STDERR_TAIL)));
    child.stdout?.on('data', (d: Buffer) => {
      if (failed) return;
      const buf = carry ? Buffer.concat([carry, d]) : d;
      const whole = buf.length - (buf.length % 4);
      carry = whole < buf.length ? Buffer.from(buf.subarray(whole)) : undefined;
      if (whole === 0) return;
      // A copy into a fresh ArrayBuffer: aligned for Float32Array whatever the chunk's offset (f32le = the host's order on x86/ARM).
      const samples = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + whole));
      try {
        job.pcm!.onSamples(samples);
      } catch (e) {
        failed = e;
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (failed) return reject(failed instanceof Error ? failed : new Error(String(failed)));
      if (code !== 0) return reject(new Error(`ffmpeg failed: ${errorTail(stderr)}`));
      if (!job.loudness) return resolve({});
      try {
        resolve({ loudness: parseLoudness(stderr) });
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  });
}

/** The last lines of ffmpeg's output that say what went wrong (info-level chatter left out). */
function errorTail(stderr: string): string {
  const lines = stderr.trim().split('\n');
  const errors = lines.filter((l) => /error|invalid|no such|failed|cannot|unable/i.test(l));
  return (errors.length > 0 ? errors : lines).slice(-3).join(' | ');
}

/** Integrated loudness and true peak from ebur128's summary, floored at -70 like the meter's gate. */
export function parseLoudness(stderr: string): Loudness {
  const summary = stderr.slice(stderr.lastIndexOf('Summary:'));
  const lufs = /I:\s+(-?[\d.]+|-inf) LUFS/.exec(summary)?.[1];
  const peak = /True peak:\s+Peak:\s+(-?[\d.]+|-inf) dBFS/.exec(summary)?.[1];
  if (lufs === undefined || peak === undefined) throw new Error('ffmpeg ebur128 printed no summary');
  const num = (s: string) => (s === '-inf' ? -70 : Number(s));
  return { integratedLufs: Math.max(-70, num(lufs)), truePeakDbtp: Math.max(-70, num(peak)) };
}
