import { and, eq } from 'drizzle-orm';
import type { StudioProject, StudioRole } from '@encore/shared/api/studio';
import { EncoreError } from '@encore/shared/errors';
import type { Database } from '../../db/database';
import { projectInvites, projectMembers, studioProjects } from '../../db/schema/index';
import { hashToken, newOpaqueToken, sameHash } from '../opaqueTokens';
import { toStudioProject } from './projects';

const RANK: Record<StudioRole, number> = { viewer: 0, editor: 1, owner: 2 };

/** Creates an invite link token for a role; only its hash is stored. */
export async function createInvite(db: Database, o: { projectId: string; role: 'editor' | 'viewer'; createdBy: string; now: Date; ttlMs: number }): Promise<{ token: string; expiresAt: Date }> {
  const token = newOpaqueToken();
  const expiresAt = new Date(o.now.getTime() + o.ttlMs);
  await db.insert(projectInvites).values({ projectId: o.projectId, tokenHash: hashToken(token), role: o.role, createdBy: o.createdBy, createdAt: o.now, expiresAt });
  return { token, expiresAt };
}

/**
 * Joins the invite's project with the invite's role. An existing member keeps a higher role
 * (accepting a viewer link never demotes an editor). INVITE_INVALID / INVITE_EXPIRED otherwise.
 */
export async function acceptInvite(db: Database, token: string, userId: string, now: Date): Promise<{ project: StudioProject; changed: boolean }> {
  const hash = hashToken(token);
  return db.transaction(async (tx) => {
    const [invite] = await tx.select().from(projectInvites).where(eq(projectInvites.tokenHash, hash)).limit(1);
    if (!invite || !sameHash(invite.tokenHash, hash)) throw new EncoreError('INVITE_INVALID', 'This invite link is not valid');
    if (invite.expiresAt.getTime() <= now.getTime()) throw new EncoreError('INVITE_EXPIRED', 'This invite link has expired');
    const [project] = await tx.select().from(studioProjects).where(eq(studioProjects.id, invite.projectId)).limit(1);
    if (!project) throw new EncoreError('INVITE_INVALID', 'This invite link is not valid');
    const [existing] = await tx
      .select({ role: projectMembers.role })
      .from(projectMembers)
      .where(and(eq(projectMembers.projectId, invite.projectId), eq(projectMembers.userId, userId)))
      .limit(1);
    if (existing && RANK[existing.role] >= RANK[invite.role]) return { project: toStudioProject(project, existing.role), changed: false };
    await tx
      .insert(projectMembers)
      .values({ projectId: invite.projectId, userId, role: invite.role, addedAt: now })
      .onConflictDoUpdate({ target: [projectMembers.projectId, projectMembers.userId], set: { role: invite.role } });
    return { project: toStudioProject(project, invite.role), changed: existing !== undefined };
  });
}
