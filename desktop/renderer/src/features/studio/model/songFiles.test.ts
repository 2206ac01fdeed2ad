import { describe, expect, it } from 'vitest';
import { EncoreError } from '@encore/shared/errors';
import { checkSongFile, songFileMessage } from './songFiles';

describe('song files', () => {
  it('accepts project, MIDI and DAWproject files and refuses others before reading them', () => {
    for (const name of ['a.encore', 'b.mid', 'C.MIDI', 'd.dawproject']) expect(() => checkSongFile({ name, size: 10 })).not.toThrow();
    expect(() => checkSongFile({ name: 'song.wav', size: 10 })).toThrow(/is not a project, MIDI or DAWproject file/);
    expect(() => checkSongFile({ name: 'empty.mid', size: 0 })).toThrow(/is empty/);
    expect(() => checkSongFile({ name: 'huge.dawproject', size: 2 * 1024 ** 3 })).toThrow(/larger than 1 GiB/);
  });

  it('shows the importer’s own words about a bad file, and a generic sentence for anything else', () => {
    expect(songFileMessage(new EncoreError('UNSUPPORTED_MEDIA_TYPE', 'This project was created by a newer Encore'))).toBe('This project was created by a newer Encore');
    expect(songFileMessage(new EncoreError('VALIDATION_FAILED', 'This project file is damaged: asset x is missing'))).toMatch(/damaged/);
    expect(songFileMessage(new Error('boom'))).toBe('Something went wrong. Try again.');
  });
});
