import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readProject } from '@encore/shared/project/read/readProject';
import { createEmptyProject } from '@encore/shared/project/templates/emptyProject';
import { openDatabase } from '../../db/database';
import { tempDir } from '../../db/testing';
import { ProjectStore } from './ProjectStore';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../../../../..');

/** Runs the writer until it has acknowledged `acks` edits, then SIGKILLs it; returns the last ack. */
function runAndKill(dbPath: string, projectId: string, acks: number): Promise<number> {
  return new Promise((resolve, reject) => {
    // `node --import tsx` rather than the tsx CLI: one process, so SIGKILL hits the writer itself.
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'crashWriter.fixture.ts'), dbPath, projectId], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    let last = -1;
    let buffered = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) last = Number(line.split(' ')[1]);
      if (last + 1 >= acks && !child.killed) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve(last) : reject(new Error(`writer exited with ${code}: ${stderr}`))));
  });
}

describe('crash safety', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('keeps every acknowledged edit when the host is killed mid-stream', async () => {
    const dbPath = path.join(tmp.dir, 'encore.db');
    const db = openDatabase({ path: dbPath });
    const doc = new Y.Doc();
    createEmptyProject(doc, { title: 'Crash' });
    const { id } = new ProjectStore({ db }).create({ title: 'Crash', template: 'empty' }, Y.encodeStateAsUpdate(doc));
    db.dispose();

    let expected = 0;
    for (const acks of [60, 45, 80]) {
      const last = await runAndKill(dbPath, id, expected + acks);
      expect(last).toBeGreaterThanOrEqual(expected + acks - 1);
      const reopened = openDatabase({ path: dbPath });
      try {
        const names = new Set(readProject(new ProjectStore({ db: reopened }).loadDoc(id)).tracks.map((t) => t.name));
        for (let n = 0; n <= last; n++) expect(names.has(`edit-${n}`), `edit-${n} was acknowledged`).toBe(true);
        // At most a few edits past the last ack (written, killed before printing) are there too.
        expected = names.size;
        expect(expected).toBeGreaterThanOrEqual(last + 1);
      } finally {
        reopened.dispose();
      }
    }
  }, 60_000);
});
