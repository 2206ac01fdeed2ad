import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizationGain } from '@encore/audio-engine/player/normalization';
import { HostEventBus } from '../../../common/hostEventBus';
import { silentLogger } from '../../logger';
import { AnalysisService } from './analysis/AnalysisService';
import { renderLavfi } from './analysis/testing/fixtures';
import { createLibraryProcedures } from './procedures';
import { libraryHarness, type Harness } from './testing/libraryHarness';

const run = promisify(execFile);

/** One album of three tracks at different levels and lengths, and a single from elsewhere. */
const ALBUM: [file: string, amplitude: number, seconds: number][] = [
  ['Album/01 quiet.flac', 0.08, 6],
  ['Album/02 loud.flac', 0.4, 4],
  ['Album/03 middle.flac', 0.18, 8],
];
const tags = (album: string, artist: string, title: string) => ['-metadata', `album=${album}`, '-metadata', `album_artist=${artist}`, '-metadata', `artist=${artist}`, '-metadata', `title=${title}`];

/** ffmpeg's ebur128 over the album played through: the tracks concatenated in order. */
async function albumReference(files: string[]): Promise<{ lufs: number; tp: number }> {
  const inputs = files.flatMap((f) => ['-i', f]);
  const graph = `${files.map((_, i) => `[${i}:a]`).join('')}concat=n=${files.length}:v=0:a=1,ebur128=peak=true`;
  const { stderr } = await run('ffmpeg', ['-nostats', '-hide_banner', ...inputs, '-filter_complex', graph, '-f', 'null', '-'], { maxBuffer: 64 << 20 });
  const summary = stderr.slice(stderr.lastIndexOf('Summary:'));
  return { lufs: Number(/I:\s+(-?[\d.]+) LUFS/.exec(summary)![1]), tp: Number(/Peak:\s+(-?[\d.]+) dBFS/.exec(summary)![1]) };
}

describe('album loudness for album-mode normalisation', () => {
  let h: Harness;
  let analysis: AnalysisService;

  beforeAll(async () => {
    const events = new HostEventBus();
    h = libraryHarness({ events });
    await Promise.all([
      ...ALBUM.map(([f, amp, sec], i) => renderLavfi(path.join(h.music, f), `anoisesrc=color=pink:amplitude=${amp}:sample_rate=48000:duration=${sec}:seed=${i + 1}`, ['-ac', '2', ...tags('Levels', 'The Testers', path.parse(f).name)])),
      renderLavfi(path.join(h.music, 'Single/single.flac'), 'anoisesrc=color=pink:amplitude=0.9:sample_rate=48000:duration=5:seed=9', ['-ac', '2', ...tags('Other', 'Someone', 'single')]),
      renderLavfi(path.join(h.music, 'loose.flac'), 'sine=frequency=440:sample_rate=48000:duration=3', ['-ac', '2', '-metadata', 'title=loose']),
    ]);
    h.library.addFolder(h.music);
    await h.library.scan();
    analysis = new AnalysisService({ library: h.library, events, log: silentLogger() });
    await analysis.start();
    await analysis.idle();
  }, 120_000);

  afterAll(async () => {
    await analysis?.dispose();
    await h?.dispose();
  });

  const idOf = (title: string) => h.library.search(title, 5).songs.find((s) => s.title === title)!.id;

  it('is the integrated loudness of the whole album, within 0.1 LU of ffmpeg ebur128 over the tracks played through', async () => {
    const ref = await albumReference(ALBUM.map(([f]) => path.join(h.music, f)));
    const a = h.library.albumLoudness(idOf('01 quiet'))!;
    expect(a).toMatchObject({ album: 'Levels', albumArtist: 'The Testers', tracks: 3, measured: 3 });
    expect(Math.abs(a.integratedLufs - ref.lufs)).toBeLessThanOrEqual(0.1);
    // The album's true peak is its loudest track's.
    const peaks = ALBUM.map(([f]) => analysis.track(idOf(path.parse(f).name))!.truePeakDbtp!);
    expect(a.truePeakDbtp).toBe(Math.max(...peaks));
    // Each track measures differently: the album value is not any one track's.
    const tracks = ALBUM.map(([f]) => analysis.track(idOf(path.parse(f).name))!.integratedLufs!);
    expect(Math.max(...tracks) - Math.min(...tracks)).toBeGreaterThan(10);
    for (const t of tracks) expect(Math.abs(t - a.integratedLufs)).toBeGreaterThan(0.5);
  });

  it('gives every track of the album the same gain in album mode (their relative levels stay), and each its own in track mode', async () => {
    const procedures = createLibraryProcedures(h.library);
    const gains = await Promise.all(
      ALBUM.map(async ([f]) => {
        const id = idOf(path.parse(f).name);
        const a = analysis.track(id)!;
        const album = (await procedures['library.albumLoudness']({ id }))!;
        const info = { trackLufs: a.integratedLufs, trackTruePeakDbtp: a.truePeakDbtp, albumLufs: album.integratedLufs, albumTruePeakDbtp: album.truePeakDbtp };
        return { album: normalizationGain(info, 'album', -20), track: normalizationGain(info, 'track', -20), albumLufs: album.integratedLufs };
      }),
    );
    const albumGains = gains.map((g) => g.album.gainDb);
    expect(new Set(albumGains).size).toBe(1);
    expect(gains[0]!.album.sourceLufs).toBe(gains[0]!.albumLufs);
    expect(albumGains[0]).toBeCloseTo(Math.min(-20 - gains[0]!.albumLufs, -1 - h.library.albumLoudness(idOf('01 quiet'))!.truePeakDbtp!), 6);
    expect(new Set(gains.map((g) => g.track.gainDb)).size).toBe(3);
  });

  it('keeps albums apart, and is null for a track without an album', () => {
    const single = h.library.albumLoudness(idOf('single'))!;
    expect(single).toMatchObject({ album: 'Other', tracks: 1, measured: 1 });
    expect(Math.abs(single.integratedLufs - analysis.track(idOf('single'))!.integratedLufs!)).toBeLessThan(1e-9);
    expect(h.library.albumLoudness(idOf('loose'))).toBeNull();
    expect(() => h.library.albumLoudness('e'.repeat(64))).toThrow(/No such track/);
  });
});
