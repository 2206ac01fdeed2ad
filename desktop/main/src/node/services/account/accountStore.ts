import { AccountUser } from '@encore/shared/domain/user';
import type { Logger } from '../../logger';
import type { EncoreDatabase } from '../../db/database';
import { account } from '../../db/schema';

/** The signed-in account as kept on disk (the single row of `account`). */
export interface StoredAccount {
  serverUrl: string;
  user: AccountUser;
  refreshToken: string;
  accessToken: string | null;
  /** Epoch milliseconds; null when no access token is held. */
  accessExpiresAt: number | null;
}

/**
 * Reads the stored account. A row whose user no longer parses (written by a different
 * version) is treated as signed-out rather than crashing the host.
 */
export function loadAccount(db: EncoreDatabase, log: Logger): StoredAccount | null {
  const row = db.read((r) => r.select().from(account).get());
  if (!row) return null;
  let user: unknown;
  try {
    user = JSON.parse(row.userJson);
  } catch {
    user = undefined;
  }
  const parsed = AccountUser.safeParse(user);
  if (!parsed.success) {
    log.warn('stored account user does not parse; treating as signed out');
    return null;
  }
  return { serverUrl: row.serverUrl, user: parsed.data, refreshToken: row.refreshToken, accessToken: row.accessToken, accessExpiresAt: row.accessExpiresAt };
}

/** Replaces the stored account in one transaction. */
export function saveAccount(db: EncoreDatabase, a: StoredAccount, now: Date): void {
  const values = { serverUrl: a.serverUrl, userJson: JSON.stringify(a.user), refreshToken: a.refreshToken, accessToken: a.accessToken, accessExpiresAt: a.accessExpiresAt, updatedAt: now.toISOString() };
  db.write((w) => {
    w.insert(account)
      .values({ id: 1, ...values })
      .onConflictDoUpdate({ target: account.id, set: values })
      .run();
  });
}

export function clearAccount(db: EncoreDatabase): void {
  db.write((w) => {
    w.delete(account).run();
  });
}
