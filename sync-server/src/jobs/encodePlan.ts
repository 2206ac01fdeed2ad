import type { AudioQuality } from '@encore/shared/domain/user';

/** A rendition as the catalog stores it. */
export interface RenditionSpec {
  quality: AudioQuality;
  codec: 'opus' | 'flac';
  kbps: number | null;
}

/** What one ffmpeg process of a publish does: some renditions, and maybe the analysis tap. */
export interface EncodeLane {
  renditions: RenditionSpec[];
  analysis: boolean;
}

/**
 * Relative encode cost per second of audio, measured with Debian's ffmpeg 5.1 on a 4-minute
 * master (libopus ~1.5 s at 96k, ~1.8 s at 160k, ~2 s at 320k; FLAC ~0.25 s; the analysis tap
 * with ebur128 true peak and the JS tempo/key kernels ~1.5 s).
 */
const COST = { flac: 0.25, analysis: 1.5 } as const;
const cost = (r: RenditionSpec) => (r.codec === 'flac' ? COST.flac : 1 + (r.kbps ?? 0) / 320);

/**
 * Splits the renditions and the analysis over at most `lanes` ffmpeg processes, heaviest first
 * onto the least loaded lane, so a 2-core machine encodes in parallel while each process still
 * decodes the master only once for all of its outputs.
 *
 * @example
 * planLanes(RENDITIONS, 2) // [{ renditions: [high, low], analysis: false }, { renditions: [normal, lossless], analysis: true }]
 */
export function planLanes(renditions: readonly RenditionSpec[], lanes: number): EncodeLane[] {
  const n = Math.max(1, Math.min(Math.floor(lanes), renditions.length + 1));
  const out = Array.from({ length: n }, () => ({ lane: { renditions: [] as RenditionSpec[], analysis: false }, load: 0 }));
  const jobs: { cost: number; put: (l: EncodeLane) => void }[] = [
    ...renditions.map((r) => ({ cost: cost(r), put: (l: EncodeLane) => void l.renditions.push(r) })),
    { cost: COST.analysis, put: (l: EncodeLane) => void (l.analysis = true) },
  ].sort((a, b) => b.cost - a.cost);
  for (const job of jobs) {
    const least = out.reduce((a, b) => (b.load < a.load ? b : a));
    job.put(least.lane);
    least.load += job.cost;
  }
  return out.map((x) => x.lane).filter((l) => l.analysis || l.renditions.length > 0);
}

/** ffmpeg's codec and container arguments for a rendition. */
export function codecArgs(r: RenditionSpec): string[] {
  // Opus renditions are stereo: libopus refuses 320 kbps on one channel (a mono master), and a 5.1 one streams as stereo anyway.
  return r.codec === 'opus' ? ['-ac', '2', '-c:a', 'libopus', '-b:a', `${r.kbps}k`, '-vbr', 'on', '-f', 'ogg'] : ['-c:a', 'flac', '-compression_level', '5', '-f', 'flac'];
}
