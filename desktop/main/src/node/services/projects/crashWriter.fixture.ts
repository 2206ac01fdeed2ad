/**
 * Child process of the crash-safety test: edits a project through the host's live document as
 * fast as it can and prints `ack <n>` after each edit returns (stored, by contract), until the
 * test kills it with SIGKILL. Usage: tsx crashWriter.fixture.ts <db path> <project id>
 */
import path from 'node:path';
import { ProjectApi } from '@encore/shared/project/api/ProjectApi';
import { HostEventBus } from '../../../common/hostEventBus';
import { openDatabase } from '../../db/database';
import { silentLogger } from '../../logger';
import { BlobStore } from './BlobStore';
import { ProjectService } from './ProjectService';
import { ProjectStore } from './ProjectStore';

const [dbPath, projectId] = process.argv.slice(2);
if (!dbPath || !projectId) throw new Error('usage: crashWriter.fixture.ts <db path> <project id>');
const db = openDatabase({ path: dbPath });
// A small threshold so the kill also lands in the middle of compactions.
const store = new ProjectStore({ db, compactAfterRows: 7 });
const projects = new ProjectService({ store, blobs: new BlobStore({ root: path.join(path.dirname(dbPath), 'blobs') }), events: new HostEventBus(), log: silentLogger(), sweepMs: 0, autoVersionMs: 5 });

let n = 0;
function batch(): void {
  for (let i = 0; i < 5; i++, n++) {
    projects.live.transact(projectId as string, (doc) => new ProjectApi(doc, { origin: 'crash' }).createTrack({ kind: 'audio', name: `edit-${n}` }));
    process.stdout.write(`ack ${n}\n`);
  }
  setImmediate(batch);
}
batch();
