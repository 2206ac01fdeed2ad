import type { AccountUser } from '@encore/shared/domain/user';
import { EncoreError } from '@encore/shared/errors';
import type { Services } from '../../services/services';
import { findUserById, toAccountUser } from '../../services/users';

/** The signed-in user's account, fresh from the database. */
export async function liveUser(s: Services, userId: string): Promise<AccountUser> {
  const user = await findUserById(s.db, userId);
  if (!user) throw new EncoreError('USER_NOT_FOUND', 'The account no longer exists');
  return toAccountUser(user);
}
