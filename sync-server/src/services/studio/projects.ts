import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Collaborator, StudioProject, StudioRole } from '@encore/shared/api/studio';
import { EncoreError } from '@encore/shared/errors';
import type { Database } from '../../db/database';
import { docSnapshots, docUpdates, projectMembers, studioProjects, users, type StudioProjectRow } from '../../db/schema/index';

export function toStudioProject(row: StudioProjectRow, role: StudioRole): StudioProject {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    role,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The caller's role in a project, or undefined when the project does not exist or they are not a member. */
export async function memberRole(db: Database, projectId: string, userId: string): Promise<StudioRole | undefined> {
  const [row] = await db
    .select({ role: projectMembers.role })
    .from(projectMembers)
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)))
    .limit(1);
  return row?.role;
}

/** Whether a project (document) exists at all. */
export async function projectExists(db: Database, projectId: string): Promise<boolean> {
  const [row] = await db.select({ id: studioProjects.id }).from(studioProjects).where(eq(studioProjects.id, projectId)).limit(1);
  return row !== undefined;
}

/**
 * Loads a project the caller is a member of, with their role; PROJECT_NOT_FOUND otherwise
 * (a non-member cannot tell a hidden project from a missing one), FORBIDDEN when their role
 * is not in `allowed`.
 */
export async function projectForMember(db: Database, projectId: string, userId: string, allowed: readonly StudioRole[] = ['owner', 'editor', 'viewer']): Promise<StudioProject> {
  const [row] = await db
    .select({ project: studioProjects, role: projectMembers.role })
    .from(studioProjects)
    .innerJoin(projectMembers, and(eq(projectMembers.projectId, studioProjects.id), eq(projectMembers.userId, userId)))
    .where(eq(studioProjects.id, projectId))
    .limit(1);
  if (!row) throw new EncoreError('PROJECT_NOT_FOUND', 'No such project', { projectId });
  if (!allowed.includes(row.role)) throw new EncoreError('FORBIDDEN', 'Your role in this project does not allow this', { role: row.role, requiredRoles: allowed });
  return toStudioProject(row.project, row.role);
}

/** Creates a project and makes its creator the owner, in one transaction. */
export async function createProject(db: Database, userId: string, input: { name: string; description: string }, now: Date): Promise<StudioProject> {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(studioProjects).values({ name: input.name, description: input.description, createdBy: userId, createdAt: now, updatedAt: now }).returning();
    if (!row) throw new Error('project insert returned no row');
    await tx.insert(projectMembers).values({ projectId: row.id, userId, role: 'owner', addedAt: now });
    return toStudioProject(row, 'owner');
  });
}

/** Every project the user is a member of (their own and those shared with them), newest first. */
export async function listProjects(db: Database, userId: string): Promise<StudioProject[]> {
  const rows = await db
    .select({ project: studioProjects, role: projectMembers.role })
    .from(projectMembers)
    .innerJoin(studioProjects, eq(studioProjects.id, projectMembers.projectId))
    .where(eq(projectMembers.userId, userId))
    .orderBy(desc(studioProjects.updatedAt), studioProjects.id)
    .limit(1000);
  return rows.map((r) => toStudioProject(r.project, r.role));
}

export async function updateProject(db: Database, projectId: string, patch: { name?: string | undefined; description?: string | undefined }, now: Date): Promise<StudioProjectRow> {
  const [row] = await db
    .update(studioProjects)
    .set({ ...(patch.name !== undefined ? { name: patch.name } : {}), ...(patch.description !== undefined ? { description: patch.description } : {}), updatedAt: now })
    .where(eq(studioProjects.id, projectId))
    .returning();
  if (!row) throw new EncoreError('PROJECT_NOT_FOUND', 'No such project', { projectId });
  return row;
}

/** Deletes the project; members and invites go with it (cascade), its document's log and snapshot in the same transaction. */
export async function deleteProject(db: Database, projectId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(studioProjects).where(eq(studioProjects.id, projectId));
    await deleteDocRows(tx, projectId);
  });
}

/** Deletes a document's stored state (its update log and snapshot), by its key. */
export async function deleteDocRows(db: Database, docKey: string): Promise<void> {
  await db.delete(docUpdates).where(eq(docUpdates.docId, docKey));
  await db.delete(docSnapshots).where(eq(docSnapshots.docId, docKey));
}

export async function listCollaborators(db: Database, projectId: string): Promise<Collaborator[]> {
  const rows = await db
    .select({ userId: projectMembers.userId, username: users.username, role: projectMembers.role, addedAt: projectMembers.addedAt })
    .from(projectMembers)
    .innerJoin(users, eq(users.id, projectMembers.userId))
    .where(eq(projectMembers.projectId, projectId))
    .orderBy(asc(projectMembers.addedAt), projectMembers.userId);
  return rows.map((r) => ({ ...r, addedAt: r.addedAt.toISOString() }));
}

/** Owners of the project other than `userId`, counted under a row lock so two demotions cannot race to zero owners. */
async function otherOwners(tx: Database, projectId: string, userId: string): Promise<number> {
  const rows = await tx.execute<{ n: number }>(
    sql`select count(*)::int as n from (select 1 from ${projectMembers} where ${projectMembers.projectId} = ${projectId} and ${projectMembers.role} = 'owner' and ${projectMembers.userId} <> ${userId} for update) o`,
  );
  const first = (Array.isArray(rows) ? rows[0] : (rows as { rows: { n: number }[] }).rows[0]) as { n: number } | undefined;
  return Number(first?.n ?? 0);
}

/**
 * Adds a member by username, or changes the role of an existing one. The last owner cannot
 * be demoted (CONFLICT).
 */
export async function upsertCollaborator(db: Database, projectId: string, username: string, role: StudioRole, now: Date): Promise<Collaborator> {
  return db.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, username: users.username })
      .from(users)
      .where(and(sql`lower(${users.username}) = lower(${username})`, eq(users.isActive, true)))
      .limit(1);
    if (!user) throw new EncoreError('USER_NOT_FOUND', 'No such user', { username });
    const current = await memberRole(tx, projectId, user.id);
    if (current === 'owner' && role !== 'owner' && (await otherOwners(tx, projectId, user.id)) === 0) {
      throw new EncoreError('CONFLICT', 'A project keeps at least one owner');
    }
    const [row] = await tx
      .insert(projectMembers)
      .values({ projectId, userId: user.id, role, addedAt: now })
      .onConflictDoUpdate({ target: [projectMembers.projectId, projectMembers.userId], set: { role } })
      .returning();
    if (!row) throw new Error('member upsert returned no row');
    return { userId: user.id, username: user.username, role: row.role, addedAt: row.addedAt.toISOString() };
  });
}

/** Removes a member; the last owner cannot be removed (CONFLICT). */
export async function removeCollaborator(db: Database, projectId: string, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const role = await memberRole(tx, projectId, userId);
    if (!role) throw new EncoreError('USER_NOT_FOUND', 'That user is not a member of this project', { userId });
    if (role === 'owner' && (await otherOwners(tx, projectId, userId)) === 0) throw new EncoreError('CONFLICT', 'A project keeps at least one owner');
    await tx.delete(projectMembers).where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)));
  });
}
