import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { EncoreError } from '@encore/shared/errors';
import type { projectContract } from '@encore/shared/host/projects';
import type { HostProcedures } from '../../host/router';
import { sha256 } from './BlobStore';
import { createBlobUploadProcedures } from './blobUpload';
import { createExportAudioProcedures } from './exportAudio';
import { createSongFileProcedures } from './songFileProcedures';
import type { ProjectService } from './ProjectService';

export type ProjectProcedures = Pick<HostProcedures, keyof typeof projectContract>;


const bytes = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));
const base64 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');

/**
 * Binds the `projects.*` procedures to the service. Sync payloads travel as base64 y-protocols
 * messages. Files move only inside `<desktopDir>/exports` and `<desktopDir>/imports`: the
 * renderer names a file, never a path.
 *
 * @example
 * return { ...otherProcedures, ...createProjectProcedures(services.projects, config.desktopDir) };
 */
export function createProjectProcedures(p: ProjectService, desktopDir: string): ProjectProcedures {
  const o = { exportDir: path.join(desktopDir, 'exports'), importDir: path.join(desktopDir, 'imports') };
  return {
    'projects.list': ({ trash }) => p.list({ trash }),
    'projects.get': ({ projectId }) => p.get(projectId),
    'projects.create': ({ title, template }) => p.create(title === undefined ? { template } : { title, template }),
    'projects.rename': ({ projectId, title }) => p.rename(projectId, title),
    'projects.duplicate': ({ projectId, title }) => p.duplicate(projectId, title),
    'projects.delete': ({ projectId }) => p.trash(projectId),
    'projects.untrash': ({ projectId }) => p.untrash(projectId),
    'projects.purge.request': ({ projectId }) => p.requestPurge(projectId),
    'projects.purge': ({ projectId, confirmToken }) => p.purge(projectId, confirmToken),
    'projects.versions.save': ({ projectId, name }) => p.saveVersion(projectId, name),
    'projects.versions.list': ({ projectId }) => p.listVersions(projectId),
    'projects.versions.restore': ({ projectId, versionId }) => p.restoreVersion(projectId, versionId),
    'projects.export': async ({ projectId }) => {
      const file = await p.exportProject(projectId);
      const fileName = await writeUnique(o.exportDir, exportName(p.get(projectId).title, new Date()), file);
      return { fileName, byteLength: file.byteLength, sha256: sha256(file) };
    },
    ...createExportAudioProcedures({ exportDir: o.exportDir }),
    ...createBlobUploadProcedures({ blobs: p.blobs }),
    ...createSongFileProcedures(p, { importDir: o.importDir, exportDir: o.exportDir, write: (name, file) => writeUnique(o.exportDir, name, file) }),
    'projects.import': async ({ fileName }) => {
      let file: Uint8Array;
      try {
        file = await fs.readFile(path.join(o.importDir, fileName));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new EncoreError('NOT_FOUND', `There is no file ${fileName} in the imports folder`, { fileName });
        throw e;
      }
      return p.importProject(file);
    },
    'projects.doc.open': ({ projectId, syncStep1 }) => {
      const r = p.openDoc(projectId, bytes(syncStep1));
      return { subscriptionId: r.subscriptionId, messages: r.messages.map(base64), leaseMs: r.leaseMs };
    },
    'projects.doc.sync': ({ subscriptionId, messages }) => ({ messages: p.live.sync(subscriptionId, messages.map(bytes)).map(base64) }),
    'projects.doc.keepAlive': ({ subscriptionId }) => ({ leaseMs: p.live.keepAlive(subscriptionId) }),
    'projects.doc.close': ({ subscriptionId }) => ({ closed: p.live.close(subscriptionId) }),
  };
}

/** `My song 2025-01-31.encore` (or another extension), with characters no file system accepts replaced. */
export function exportName(title: string, at: Date, extension = 'encore'): string {
  const safe = title.replace(/[/\\:*?"<>|\p{Cc}]/gu, '_').replace(/^\.+/, '').trim().slice(0, 150) || 'Project';
  return `${safe} ${at.toISOString().slice(0, 10)}.${extension}`;
}

/** Writes `bytes` under a free name (`x.mid`, `x (2).mid`...) through a temp file and rename. */
async function writeUnique(dir: string, name: string, bytes: Uint8Array): Promise<string> {
  await fs.mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
  await fs.writeFile(temp, bytes);
  const extension = path.extname(name);
  const stem = name.slice(0, -extension.length);
  for (let n = 1; n < 1000; n++) {
    const candidate = n === 1 ? name : `${stem} (${n})${extension}`;
    try {
      // link fails when the name is taken, so an existing export is never overwritten.
      await fs.link(temp, path.join(dir, candidate));
      await fs.rm(temp);
      return candidate;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
        await fs.rm(temp, { force: true });
        throw e;
      }
    }
  }
  await fs.rm(temp, { force: true });
  throw new EncoreError('CONFLICT', `Too many exports named ${stem}`);
}
