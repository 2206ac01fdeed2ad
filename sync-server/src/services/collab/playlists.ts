import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { CollabPlaylist } from '@encore/shared/api/collabPlaylists';
import type { Collaborator, StudioRole } from '@encore/shared/api/studio';
import { EncoreError } from '@encore/shared/errors';
import { playlistDocId } from '@encore/shared/sync/docIds';
import type { Database } from '../../db/database';
import { collabPlaylistMembers as members, collabPlaylists, users, type CollabPlaylistRow } from '../../db/schema/index';
import { deleteDocRows } from '../studio/projects';

function toPlaylist(row: CollabPlaylistRow, role: StudioRole): CollabPlaylist {
  return { id: row.id, name: row.name, description: row.description, role, createdBy: row.createdBy, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

/** The caller's role in a collaborative playlist; undefined when it does not exist or they are not a member. */
export async function playlistRole(db: Database, playlistId: string, userId: string): Promise<StudioRole | undefined> {
  const [row] = await db
    .select({ role: members.role })
    .from(members)
    .where(and(eq(members.playlistId, playlistId), eq(members.userId, userId)))
    .limit(1);
  return row?.role;
}

export async function playlistExists(db: Database, playlistId: string): Promise<boolean> {
  const [row] = await db.select({ id: collabPlaylists.id }).from(collabPlaylists).where(eq(collabPlaylists.id, playlistId)).limit(1);
  return row !== undefined;
}

/**
 * A playlist the caller is a member of, with their role; PLAYLIST_NOT_FOUND otherwise (a
 * non-member cannot tell a hidden playlist from a missing one), FORBIDDEN when their role is
 * not in `allowed`.
 */
export async function playlistForMember(db: Database, playlistId: string, userId: string, allowed: readonly StudioRole[] = ['owner', 'editor', 'viewer']): Promise<CollabPlaylist> {
  const [row] = await db
    .select({ playlist: collabPlaylists, role: members.role })
    .from(collabPlaylists)
    .innerJoin(members, and(eq(members.playlistId, collabPlaylists.id), eq(members.userId, userId)))
    .where(eq(collabPlaylists.id, playlistId))
    .limit(1);
  if (!row) throw new EncoreError('PLAYLIST_NOT_FOUND', 'No such playlist', { playlistId });
  if (!allowed.includes(row.role)) throw new EncoreError('FORBIDDEN', 'Your role in this playlist does not allow this', { role: row.role, requiredRoles: allowed });
  return toPlaylist(row.playlist, row.role);
}

/** Creates a playlist with its creator as owner, in one transaction. */
export async function createPlaylist(db: Database, userId: string, input: { name: string; description: string }, now: Date): Promise<CollabPlaylist> {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(collabPlaylists).values({ name: input.name, description: input.description, createdBy: userId, createdAt: now, updatedAt: now }).returning();
    if (!row) throw new Error('playlist insert returned no row');
    await tx.insert(members).values({ playlistId: row.id, userId, role: 'owner', addedAt: now });
    return toPlaylist(row, 'owner');
  });
}

/** The user's own and shared collaborative playlists, most recently changed first. */
export async function listPlaylists(db: Database, userId: string): Promise<CollabPlaylist[]> {
  const rows = await db
    .select({ playlist: collabPlaylists, role: members.role })
    .from(members)
    .innerJoin(collabPlaylists, eq(collabPlaylists.id, members.playlistId))
    .where(eq(members.userId, userId))
    .orderBy(desc(collabPlaylists.updatedAt), collabPlaylists.id)
    .limit(1000);
  return rows.map((r) => toPlaylist(r.playlist, r.role));
}

export async function updatePlaylist(db: Database, playlistId: string, role: StudioRole, patch: { name?: string | undefined; description?: string | undefined }, now: Date): Promise<CollabPlaylist> {
  const [row] = await db
    .update(collabPlaylists)
    .set({ ...(patch.name !== undefined ? { name: patch.name } : {}), ...(patch.description !== undefined ? { description: patch.description } : {}), updatedAt: now })
    .where(eq(collabPlaylists.id, playlistId))
    .returning();
  if (!row) throw new EncoreError('PLAYLIST_NOT_FOUND', 'No such playlist', { playlistId });
  return toPlaylist(row, role);
}

/** Deletes the playlist, its members (cascade) and its document's stored state, in one transaction. */
export async function deletePlaylist(db: Database, playlistId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(collabPlaylists).where(eq(collabPlaylists.id, playlistId));
    await deleteDocRows(tx, playlistDocId(playlistId));
  });
}

export async function listPlaylistCollaborators(db: Database, playlistId: string): Promise<Collaborator[]> {
  const rows = await db
    .select({ userId: members.userId, username: users.username, role: members.role, addedAt: members.addedAt })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(eq(members.playlistId, playlistId))
    .orderBy(asc(members.addedAt), members.userId);
  return rows.map((r) => ({ ...r, addedAt: r.addedAt.toISOString() }));
}

/** Owners other than `userId`, counted under a row lock so two demotions cannot race to zero owners. */
async function otherOwners(tx: Database, playlistId: string, userId: string): Promise<number> {
  const rows = await tx.execute<{ n: number }>(
    sql`select count(*)::int as n from (select 1 from ${members} where ${members.playlistId} = ${playlistId} and ${members.role} = 'owner' and ${members.userId} <> ${userId} for update) o`,
  );
  const first = (Array.isArray(rows) ? rows[0] : (rows as { rows: { n: number }[] }).rows[0]) as { n: number } | undefined;
  return Number(first?.n ?? 0);
}

/** Adds a member by username or changes their role; the last owner cannot be demoted (CONFLICT). */
export async function upsertPlaylistCollaborator(db: Database, playlistId: string, username: string, role: StudioRole, now: Date): Promise<Collaborator> {
  return db.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, username: users.username })
      .from(users)
      .where(and(sql`lower(${users.username}) = lower(${username})`, eq(users.isActive, true)))
      .limit(1);
    if (!user) throw new EncoreError('USER_NOT_FOUND', 'No such user', { username });
    const current = await playlistRole(tx, playlistId, user.id);
    if (current === 'owner' && role !== 'owner' && (await otherOwners(tx, playlistId, user.id)) === 0) throw new EncoreError('CONFLICT', 'A playlist keeps at least one owner');
    const [row] = await tx
      .insert(members)
      .values({ playlistId, userId: user.id, role, addedAt: now })
      .onConflictDoUpdate({ target: [members.playlistId, members.userId], set: { role } })
      .returning();
    if (!row) throw new Error('member upsert returned no row');
    await tx.update(collabPlaylists).set({ updatedAt: now }).where(eq(collabPlaylists.id, playlistId));
    return { userId: user.id, username: user.username, role: row.role, addedAt: row.addedAt.toISOString() };
  });
}

/** Removes a member; the last owner cannot be removed (CONFLICT). */
export async function removePlaylistCollaborator(db: Database, playlistId: string, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const role = await playlistRole(tx, playlistId, userId);
    if (!role) throw new EncoreError('USER_NOT_FOUND', 'That user is not a member of this playlist', { userId });
    if (role === 'owner' && (await otherOwners(tx, playlistId, userId)) === 0) throw new EncoreError('CONFLICT', 'A playlist keeps at least one owner');
    await tx.delete(members).where(and(eq(members.playlistId, playlistId), eq(members.userId, userId)));
  });
}
