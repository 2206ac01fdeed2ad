import { eq } from 'drizzle-orm';
import type { Database } from '../../db/database';
import { artists, type ArtistRow } from '../../db/schema/catalog';
import { users } from '../../db/schema/users';

/** The artist profile of a user, made from their username on first need (one per user). */
export async function ensureArtist(db: Database, userId: string, now: Date): Promise<ArtistRow> {
  const [existing] = await db.select().from(artists).where(eq(artists.userId, userId));
  if (existing) return existing;
  const [user] = await db.select({ username: users.username }).from(users).where(eq(users.id, userId));
  await db
    .insert(artists)
    .values({ userId, name: user?.username ?? 'artist', createdAt: now, updatedAt: now })
    .onConflictDoNothing();
  const [row] = await db.select().from(artists).where(eq(artists.userId, userId));
  return row!;
}
