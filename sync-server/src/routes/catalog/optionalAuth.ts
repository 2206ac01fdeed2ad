import type { Context } from 'hono';
import { authenticate } from '../../middleware/auth';
import type { AppEnv, AuthInfo } from '../../middleware/env';
import type { Services } from '../../services/services';

/** Who is asking, when a public route also serves signed-in users (their drafts, say); a bad token is still an error. */
export async function optionalAuth(s: Services, c: Context<AppEnv>): Promise<AuthInfo | undefined> {
  const header = c.req.header('authorization');
  return header === undefined ? undefined : authenticate(s, header);
}
