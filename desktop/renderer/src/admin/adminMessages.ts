import { EncoreError } from '@encore/shared/errors';
import { friendlyMessage } from '../model/errorMessages';

/** Admin wording on top of the app's: staff sign in straight against the server. */
export function adminMessage(error: unknown, server: string): string {
  if (error instanceof EncoreError) {
    if (error.code === 'OFFLINE') return `Can’t reach the sync server at ${server}. Check that it is running, or open this page with ?server=<address>.`;
    if (error.code === 'FORBIDDEN') return 'This account has no staff access. Sign in with an admin or moderator account.';
    if (error.code === 'UNAUTHENTICATED' || error.code === 'TOKEN_EXPIRED' || error.code === 'TOKEN_INVALID') return 'Your session ended. Sign in again.';
  }
  return friendlyMessage(error);
}
