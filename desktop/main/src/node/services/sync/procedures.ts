import type { collabContract } from '@encore/shared/host/collab';
import type { HostProcedures } from '../../host/router';
import type { SyncService } from './SyncService';

export type CollabProcedures = Pick<HostProcedures, keyof typeof collabContract>;

/**
 * Binds the `collab.*` procedures to the sync service. Awareness updates travel as base64.
 *
 * @example
 * return { ...otherProcedures, ...createCollabProcedures(services.sync) };
 */
export function createCollabProcedures(s: SyncService): CollabProcedures {
  return {
    'collab.status': ({ projectId }) => s.status(projectId),
    'collab.share': ({ projectId }) => s.share(projectId),
    'collab.setPaused': ({ projectId, paused }) => s.setPaused(projectId, paused),
    'collab.members': ({ projectId }) => s.members(projectId),
    'collab.invite': ({ projectId, username, role }) => s.invite(projectId, username, role),
    'collab.sharedWithMe': () => s.sharedWithMe(),
    'collab.openShared': ({ serverProjectId }) => s.openShared(serverProjectId),
    'collab.awareness': ({ projectId, update }) => ({ relayed: s.relayAwareness(projectId, new Uint8Array(Buffer.from(update, 'base64'))) }),
    'collab.assets': ({ projectId }) => s.assetTransfers(projectId),
    'collab.versions': ({ projectId }) => s.versions(projectId),
    'collab.versions.save': ({ projectId, name }) => s.saveVersion(projectId, name),
    'collab.versions.restore': ({ projectId, versionId }) => s.restoreVersion(projectId, versionId),
    'collab.awareness.snapshot': ({ projectId }) => {
      const update = s.awarenessSnapshot(projectId);
      return { update: update ? Buffer.from(update).toString('base64') : null };
    },
  };
}
