import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createExportAudioProcedures } from './exportAudio';

const dir = mkdtempSync(path.join(tmpdir(), 'encore-exports-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

describe('projects.exportAudio', () => {
  const p = createExportAudioProcedures({ exportDir: dir });
  const upload = async (fileName: string, bytes: Uint8Array, hash = sha(bytes)) => {
    const { uploadId } = await p['projects.exportAudio.begin']({ fileName });
    await Promise.all([p['projects.exportAudio.chunk']({ uploadId, offset: 0, data: b64(bytes.subarray(0, 3)) }), p['projects.exportAudio.chunk']({ uploadId, offset: 3, data: b64(bytes.subarray(3)) })]);
    return p['projects.exportAudio']({ uploadId, sha256: hash });
  };

  it('writes the chunks in order under the name, then under a free variant of it', async () => {
    const bytes = new Uint8Array([1, 2, 3, 4, 5, 6, 7]);
    expect(await upload('Song.wav', bytes)).toEqual({ fileName: 'Song.wav', byteLength: 7, sha256: sha(bytes) });
    expect((await upload('Song.wav', bytes)).fileName).toBe('Song (2).wav');
    expect([...readFileSync(path.join(dir, 'Song (2).wav'))]).toEqual([...bytes]);
    expect(readdirSync(dir).sort()).toEqual(['Song (2).wav', 'Song.wav']);
  });

  it('refuses a damaged upload, an out-of-order chunk and an unknown upload, leaving no file', async () => {
    await expect(upload('Bad.mp3', new Uint8Array([9, 9, 9, 9]), 'f'.repeat(64))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const { uploadId } = await p['projects.exportAudio.begin']({ fileName: 'Gap.flac' });
    await expect(p['projects.exportAudio.chunk']({ uploadId, offset: 5, data: 'AAAA' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(p['projects.exportAudio']({ uploadId: 'x'.repeat(21), sha256: 'f'.repeat(64) })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(readdirSync(dir).filter((f) => f.startsWith('Bad') || f.startsWith('Gap'))).toEqual([]);
  });
});
