import { resolve } from 'node:path';
import { EncoreError } from '@encore/shared/errors';
import type { SongTime } from '../node/render/songTime';
import type { Command } from './commands';

const USAGE = 'usage: encore render <song.encore|.mid|.dawproject> [-o <out.wav|.flac|.mp3>] [--stems <dir>] [--from <time>] [--to <time>] [--soundfont <file.sf2|sf3>] [--sample-rate <hz>] [--bit-depth 16|24] [--threads <n>] [--json]';

const HELP = `${USAGE}

  -o, --output <file>   the mix (.wav 24-bit, .flac or .mp3 through ffmpeg)
  --stems <dir>         also (or only) one file per track, each soloed through its buses and the
                        master like the app's stems: "<song> - 01 <track>.<ext>", in the format of
                        -o (WAV without -o)
  --from <time>         start of the selection; --to <time> its end (default: the song's end plus
                        the tail). A time is seconds (12.5) or bars:beats counted from 1 (9:1, 9:2.5)
                        on the song's tempo map and meters; the selection sounds as in the whole song
  --soundfont <file>    the General MIDI soundfont (default: ENCORE_SOUNDFONT or Debian's)
  --sample-rate <hz>    default 44100
  --bit-depth 16|24     a .wav's sample format, default 24 (16: CD and FluidSynth's default)
  --threads <n>         default one per core
  --json                the result (or the error) as JSON on stdout
`;

/**
 * `encore render`: a song rendered headless with a General MIDI soundfont, like a DAW's
 * command-line render. Progress goes to stderr; the result (or the error) to stdout, as JSON
 * with --json. Exit code 1 on failure, and then no output file exists.
 *
 * @example
 * encore render song.mid -o song.flac --json   // {"output":"/…/song.flac","seconds":91.2,…}
 */
export const renderCommand: Command = {
  summary: 'render a song (.encore, .mid, .dawproject) to .wav/.flac/.mp3: the mix and/or stems, all or a selection, instruments on a GM soundfont',
  options: {
    output: { type: 'string', short: 'o' },
    stems: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
    soundfont: { type: 'string' },
    'sample-rate': { type: 'string' },
    'bit-depth': { type: 'string' },
    threads: { type: 'string' },
  },
  async run(ctx) {
    if (ctx.options.help === true) {
      ctx.out(HELP);
      return;
    }
    const [input, ...extra] = ctx.args;
    const str = (name: string) => (typeof ctx.options[name] === 'string' ? (ctx.options[name] as string) : undefined);
    const output = str('output');
    const stems = str('stems');
    if (!input || extra.length > 0 || (output === undefined && stems === undefined)) throw new EncoreError('BAD_REQUEST', USAGE);
    const rate = ctx.options['sample-rate'];
    const threads = ctx.options.threads;
    const depth = str('bit-depth');
    const { parseSongTime } = await import('../node/render/songTime');
    const time = (name: 'from' | 'to'): SongTime | undefined => {
      const text = str(name);
      return text === undefined ? undefined : parseSongTime(text, `--${name}`);
    };
    const from = time('from');
    const to = time('to');
    const { renderFile } = await import('../node/render/renderFile');
    let last = -1;
    const result = await renderFile({
      input: resolve(input),
      output: output === undefined ? undefined : resolve(output),
      stems: stems === undefined ? undefined : resolve(stems),
      from,
      to,
      soundfont: typeof ctx.options.soundfont === 'string' ? resolve(ctx.options.soundfont) : undefined,
      sampleRate: typeof rate === 'string' ? Number(rate) : undefined,
      threads: typeof threads === 'string' ? Number(threads) : undefined,
      bitDepth: depth === undefined ? undefined : (Number(depth) as 16 | 24),
      onProgress: (stage, f) => {
        const pct = Math.floor(f * 100);
        if (stage === 'render' && pct === last) return;
        last = stage === 'render' ? pct : -1;
        ctx.err(stage === 'render' ? `rendering ${pct}%\n` : `${stage === 'load' ? 'loading' : 'encoding'}…\n`);
      },
    });
    if (ctx.json) ctx.out(`${JSON.stringify(result)}\n`);
    else {
      for (const w of result.warnings) ctx.err(`warning: ${w}\n`);
      const files = [...(result.output ? [result.output] : []), ...result.stems.map((s) => s.output)];
      const what = files.length === 1 ? files[0] : `${files.length} files${result.stems.length > 0 ? ` (${result.stems.length} stems)` : ''}`;
      ctx.out(`${what}: ${result.seconds.toFixed(1)} s of ${result.format.toUpperCase()} (${result.tracks} tracks, ${result.notes} notes) in ${result.elapsed.toFixed(2)} s, ${result.realtimeFactor.toFixed(1)}x real time\n`);
    }
  },
};
