import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { HostClient } from '@encore/shared/host/client';
import { EXPORT_CHUNK_BYTES } from '@encore/shared/host/projects';
import { exportMidi, importMidi } from '@encore/shared/interchange/midi';
import { readProject } from '@encore/shared/project/read/readProject';
import { createDemoProject } from '@encore/shared/project/templates/demoProject';
import { inProcessHostClient, projectHarness, type ProjectHarness } from './testing';

let h: ProjectHarness;
afterEach(() => h?.dispose());

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Sends a file as the renderer does: begin, chunks in order, finish with its SHA-256. */
async function importFile(host: HostClient, fileName: string, bytes: Uint8Array, hash = sha(bytes)) {
  const { uploadId } = await host.call('projects.importFile.begin', { fileName, byteLength: bytes.byteLength });
  for (let offset = 0; offset < bytes.byteLength; offset += EXPORT_CHUNK_BYTES) {
    await host.call('projects.importFile.chunk', { uploadId, offset, data: Buffer.from(bytes.subarray(offset, offset + EXPORT_CHUNK_BYTES)).toString('base64') });
  }
  return host.call('projects.importFile.finish', { uploadId, sha256: hash });
}

function demoMidi(): Uint8Array {
  const doc = new Y.Doc();
  createDemoProject(doc);
  return exportMidi(doc);
}

const noTemps = (dir: string) => readdirSync(dir).filter((f) => f.startsWith('.'));

describe('song files: import and export through the host API', () => {
  it('imports a Standard MIDI File as a new project with its tracks and notes', async () => {
    h = projectHarness();
    const host = inProcessHostClient(h);
    const midi = demoMidi();
    const { project, format } = await importFile(host, 'Demo song.mid', midi);
    expect(format).toBe('midi');
    expect(project.title).toBe('Demo song');
    expect(project.template).toBeNull();
    const expected = new Y.Doc();
    importMidi(expected, midi);
    const doc = h.projects.documentCopy(project.id);
    const noteCounts = (d: Y.Doc) => readProject(d).tracks.map((t) => [t.name, t.clips.reduce((n, c) => n + (c.kind === 'midi' ? c.notes.length : 0), 0)]);
    expect(noteCounts(doc)).toEqual(noteCounts(expected));
    expect(noteCounts(doc).length).toBeGreaterThan(1);
    expect(noTemps(path.join(h.dir, 'imports'))).toEqual([]);
  });

  it('exports .mid, .dawproject and .encore into the exports folder, and each imports back', async () => {
    h = projectHarness();
    const host = inProcessHostClient(h);
    const demo = await host.call('projects.create', { template: 'demo', title: 'Round trip' });
    const before = readProject(h.projects.documentCopy(demo.id));
    for (const format of ['midi', 'dawproject', 'encore'] as const) {
      const saved = await host.call('projects.exportFile', { projectId: demo.id, format });
      expect(saved.fileName).toMatch(/^Round trip \d{4}-\d{2}-\d{2}\.(mid|dawproject|encore)$/);
      const bytes = new Uint8Array(readFileSync(path.join(h.dir, 'exports', saved.fileName)));
      expect(saved.byteLength).toBe(bytes.byteLength);
      expect(saved.sha256).toBe(sha(bytes));
      const { project } = await importFile(host, saved.fileName, bytes);
      const after = readProject(h.projects.documentCopy(project.id));
      expect(after.tracks.map((t) => t.name).filter((n) => before.tracks.some((b) => b.name === n)).length).toBeGreaterThan(0);
      expect(after.tempo[0]?.bpm).toBe(before.tempo[0]?.bpm);
    }
    // A second export of the same day never overwrites the first.
    const again = await host.call('projects.exportFile', { projectId: demo.id, format: 'midi' });
    expect(again.fileName).toMatch(/\(2\)\.mid$/);
  });

  it('refuses corrupt, mislabeled and damaged files with a clear error, leaving no project and no temp file', async () => {
    h = projectHarness();
    const host = inProcessHostClient(h);
    const count = async () => (await host.call('projects.list', { trash: false })).length;
    const garbage = new TextEncoder().encode('this is not a song at all');
    await expect(importFile(host, 'Broken.mid', garbage)).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringMatching(/not a Standard MIDI File/i) });
    await expect(importFile(host, 'Broken.dawproject', garbage)).rejects.toMatchObject({ message: expect.stringMatching(/DAWproject|zip/i) });
    await expect(importFile(host, 'Broken.encore', garbage)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    // A MIDI file cut in half.
    const midi = demoMidi();
    await expect(importFile(host, 'Half.mid', midi.subarray(0, Math.floor(midi.byteLength / 2)))).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(importFile(host, 'Damaged.mid', midi, 'f'.repeat(64))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(host.call('projects.importFile.begin', { fileName: 'song.wav', byteLength: 10 })).rejects.toMatchObject({ message: expect.stringContaining('ending in .encore, .mid') });
    expect(await count()).toBe(0);
    expect(noTemps(path.join(h.dir, 'imports'))).toEqual([]);
  });
});
