import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { EncoreError } from '@encore/shared/errors';
import { readProject } from '@encore/shared/project/read/readProject';
import type { Command } from './commands';

const USAGE = 'usage: encore convert <in> <out>   (each .encore, .mid/.midi or .dawproject) [--json]';
const rootPackage = resolve(import.meta.dirname, '..', '..', '..', '..', 'package.json');

/**
 * `encore convert`: between the project file, Standard MIDI File and DAWproject, through the
 * project document (what a format cannot hold is listed as warnings). The output is written
 * atomically.
 *
 * @example
 * encore convert song.mid song.dawproject --json   // {"from":"midi","to":"dawproject","tracks":5,…}
 */
export const convertCommand: Command = {
  summary: 'convert a song between .encore, .mid and .dawproject',
  async run(ctx) {
    const [input, output, ...extra] = ctx.args;
    if (!input || !output || extra.length > 0) throw new EncoreError('BAD_REQUEST', USAGE);
    const { loadSong, saveSong, songFormatOf } = await import('../node/render/songFiles');
    const from = resolve(input);
    const to = resolve(output);
    songFormatOf(to);
    if (from === to) throw new EncoreError('BAD_REQUEST', 'the input and output are the same file');
    const song = await loadSong(from);
    const snapshot = readProject(song.doc);
    const appVersion = (JSON.parse(readFileSync(rootPackage, 'utf8')) as { version: string }).version;
    const saved = await saveSong(song.doc, song.blobs, to, { appVersion });
    song.doc.destroy();
    const notes = snapshot.tracks.reduce((n, t) => n + t.clips.reduce((m, c) => m + (c.kind === 'midi' ? c.notes.length : 0), 0), 0);
    const result = { input: from, output: to, from: song.format, to: saved.format, tracks: snapshot.tracks.length, notes, bytes: saved.bytes, warnings: song.warnings };
    if (ctx.json) ctx.out(`${JSON.stringify(result)}\n`);
    else {
      for (const w of result.warnings) ctx.err(`warning: ${w}\n`);
      ctx.out(`${to}: ${saved.format} with ${result.tracks} tracks and ${notes} notes\n`);
    }
  },
};
