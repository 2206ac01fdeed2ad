import { renderOffline } from '@encore/audio-engine/core/renderOffline';
import type { WorkletUrls } from '@encore/audio-engine/nodes/worklets';
import { encodeWav } from '@encore/audio-engine/io/wav';
import type { ProjectSnapshot } from '@encore/shared/project/read/snapshot';
import { exportFileName, exportRange, ffmpegArgs, MIME, type ExportSettings } from './exportSettings';
import { Transcoder } from './transcoder';

export interface BouncedFile {
  readonly fileName: string;
  readonly mimeType: string;
  readonly bytes: Uint8Array;
  /** Seconds of audio in the file. */
  readonly duration: number;
}

export interface BounceProgress {
  readonly phase: 'render' | 'encode';
  /** 0…1 within the phase. */
  readonly fraction: number;
}

export interface BounceOptions {
  worklets: WorkletUrls;
  buffers: ReadonlyMap<string, AudioBuffer>;
  signal: AbortSignal | null;
  onProgress: ((p: BounceProgress) => void) | null;
}

export interface BounceResult {
  readonly files: readonly BouncedFile[];
  readonly issues: readonly string[];
}

/**
 * Renders a snapshot offline (the whole song, its loop, or one stem per track) and encodes it:
 * WAV with the engine's encoder, FLAC/MP3/Opus with ffmpeg.wasm in a worker. Aborting the
 * signal stops the render and terminates the worker; the promise then rejects with an
 * AbortError.
 *
 * @example
 * const { files } = await bounce(snapshot, 'My song', { ...DEFAULT_EXPORT_SETTINGS, format: 'mp3' }, { worklets: WORKLET_URLS, buffers, signal, onProgress });
 */
export async function bounce(snapshot: ProjectSnapshot, title: string, settings: ExportSettings, o: BounceOptions): Promise<BounceResult> {
  const stemTracks = settings.scope === 'stems' ? snapshot.tracks.filter((t) => t.kind !== 'bus') : [];
  const rendered = await renderOffline(snapshot, {
    worklets: o.worklets,
    buffers: o.buffers,
    sampleRate: settings.sampleRate,
    channels: 2,
    range: exportRange(snapshot, settings.scope),
    stems: stemTracks.map((t) => t.id),
    signal: o.signal,
    onProgress: (fraction) => o.onProgress?.({ phase: 'render', fraction }),
  });
  const outputs =
    settings.scope === 'stems'
      ? stemTracks.map((t, i) => ({ name: `${title} - ${String(i + 1).padStart(2, '0')} ${t.name}`, audio: rendered.stems.get(t.id)! }))
      : [{ name: settings.scope === 'loop' ? `${title} (loop)` : title, audio: rendered.mix }];

  const files: BouncedFile[] = [];
  const wavDepth = settings.format === 'wav' ? settings.bitDepth : settings.format === 'flac' && settings.bitDepth === 16 ? 16 : settings.format === 'flac' ? 24 : '32f';
  const transcoder = settings.format === 'wav' ? null : await Transcoder.start(o.signal);
  try {
    for (const [i, out] of outputs.entries()) {
      if (o.signal?.aborted) throw new DOMException('The export was cancelled', 'AbortError');
      const wav = encodeWav(out.audio, { bitDepth: wavDepth });
      const fileName = exportFileName(out.name, settings.format);
      const step = (f: number) => o.onProgress?.({ phase: 'encode', fraction: (i + f) / outputs.length });
      step(0);
      const bytes = transcoder ? await transcoder.encode(wav, ffmpegArgs(settings), `output.${settings.format}`, step) : wav;
      files.push({ fileName, mimeType: MIME[settings.format], bytes, duration: out.audio.duration });
      step(1);
    }
  } finally {
    transcoder?.dispose();
  }
  return { files, issues: rendered.issues };
}
