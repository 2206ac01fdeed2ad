import { resolve } from 'node:path';
import { EncoreError } from '@encore/shared/errors';
import type { Command } from './commands';

const USAGE = 'usage: encore render <song.encore|.mid|.dawproject> -o <out.wav|.flac|.mp3> [--soundfont <file.sf2|sf3>] [--sample-rate <hz>] [--threads <n>] [--json]';

/**
 * `encore render`: a song rendered headless with a General MIDI soundfont, like a DAW's
 * command-line render. Progress goes to stderr; the result (or the error) to stdout, as JSON
 * with --json. Exit code 1 on failure, and then no output file exists.
 *
 * @example
 * encore render song.mid -o song.flac --json   // {"output":"/…/song.flac","seconds":91.2,…}
 */
export const renderCommand: Command = {
  summary: 'render a song (.encore, .mid, .dawproject) to .wav/.flac/.mp3: the whole mix, instruments on a GM soundfont',
  options: {
    output: { type: 'string', short: 'o' },
    soundfont: { type: 'string' },
    'sample-rate': { type: 'string' },
    threads: { type: 'string' },
  },
  async run(ctx) {
    const [input, ...extra] = ctx.args;
    const output = ctx.options.output;
    if (!input || extra.length > 0 || typeof output !== 'string') throw new EncoreError('BAD_REQUEST', USAGE);
    const rate = ctx.options['sample-rate'];
    const threads = ctx.options.threads;
    const { renderFile } = await import('../node/render/renderFile');
    let last = -1;
    const result = await renderFile({
      input: resolve(input),
      output: resolve(output),
      soundfont: typeof ctx.options.soundfont === 'string' ? resolve(ctx.options.soundfont) : undefined,
      sampleRate: typeof rate === 'string' ? Number(rate) : undefined,
      threads: typeof threads === 'string' ? Number(threads) : undefined,
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
      ctx.out(`${result.output}: ${result.seconds.toFixed(1)} s of ${result.format.toUpperCase()} (${result.tracks} tracks, ${result.notes} notes) in ${result.elapsed.toFixed(2)} s, ${result.realtimeFactor.toFixed(1)}x real time\n`);
    }
  },
};
