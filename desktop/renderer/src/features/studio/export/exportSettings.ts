import type { ProjectSnapshot } from '@encore/shared/project/read/snapshot';
import { TempoMap } from '@encore/shared/project/tempoMap';
import { ticks } from '@encore/shared/units';

export type ExportFormat = 'wav' | 'flac' | 'mp3' | 'opus';
export type ExportScope = 'mix' | 'stems' | 'loop';
export type WavDepth = 16 | 24 | '32f';
export type ExportSampleRate = 44_100 | 48_000 | 96_000;

export interface ExportSettings {
  readonly scope: ExportScope;
  readonly format: ExportFormat;
  readonly sampleRate: ExportSampleRate;
  /** WAV and FLAC (FLAC has no float: 32f is written as 24-bit). */
  readonly bitDepth: WavDepth;
  /** MP3 and Opus, kbit/s. */
  readonly bitrate: number;
}

export const DEFAULT_EXPORT_SETTINGS: ExportSettings = { scope: 'mix', format: 'wav', sampleRate: 48_000, bitDepth: 24, bitrate: 192 };
export const SAMPLE_RATES: readonly ExportSampleRate[] = [44_100, 48_000, 96_000];
export const BITRATES: Record<'mp3' | 'opus', readonly number[]> = { mp3: [128, 192, 256, 320], opus: [64, 96, 128, 160, 192, 256] };
export const MIME: Record<ExportFormat, string> = { wav: 'audio/wav', flac: 'audio/flac', mp3: 'audio/mpeg', opus: 'audio/ogg; codecs=opus' };

/** The sample rate a format can carry: MP3 tops out at 48 kHz and Opus always runs at 48 kHz. */
export function encodedRate(s: Pick<ExportSettings, 'format' | 'sampleRate'>): number {
  if (s.format === 'opus') return 48_000;
  if (s.format === 'mp3') return Math.min(48_000, s.sampleRate);
  return s.sampleRate;
}

/** The ffmpeg arguments (after `-i input.wav`) for a compressed format. */
export function ffmpegArgs(s: ExportSettings): string[] {
  const rate = ['-ar', String(encodedRate(s))];
  switch (s.format) {
    case 'flac':
      return s.bitDepth === 16 ? ['-c:a', 'flac', '-sample_fmt', 's16'] : ['-c:a', 'flac', '-sample_fmt', 's32', '-bits_per_raw_sample', '24'];
    case 'mp3':
      return ['-c:a', 'libmp3lame', '-b:a', `${s.bitrate}k`, ...rate];
    case 'opus':
      // @ffmpeg/core 0.12.10's libopus traps (memory access out of bounds) on stereo input at
      // complexity 5 and above; 4 encodes fine and costs little quality at these bitrates.
      return ['-c:a', 'libopus', '-b:a', `${s.bitrate}k`, '-compression_level', '4', ...rate];
    case 'wav':
      return [];
  }
}

/** A file name the host accepts (see AudioFileName): no path characters, no leading dot. */
export function exportFileName(base: string, format: ExportFormat): string {
  const safe =
    base
      .replace(/[/\\:*?"<>|\p{Cc}]/gu, '_')
      .replace(/^[.\s]+/, '')
      .trim()
      .slice(0, 150) || 'Bounce';
  return `${safe}.${format}`;
}

/** The song seconds an export covers: the loop for a loop export, else the whole song (null). */
export function exportRange(snapshot: ProjectSnapshot, scope: ExportScope): { from: number; to: number } | null {
  if (scope !== 'loop') return null;
  const tempo = new TempoMap(snapshot.tempo);
  return { from: tempo.ticksToSeconds(ticks(snapshot.loop.start)) as number, to: tempo.ticksToSeconds(ticks(snapshot.loop.end)) as number };
}
