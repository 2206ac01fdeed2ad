import type { HttpBindings } from '@hono/node-server';
import type { Role } from '@encore/shared/domain/user';
import type { Logger } from '../logger';

/** Who made an authenticated request, as `requireAuth` established it. */
export interface AuthInfo {
  userId: string;
  sessionId: string;
  role: Role;
  isVerified: boolean;
}

/** Hono environment of the sync-server: Node bindings (the socket) and per-request values. */
export interface AppEnv {
  Bindings: Partial<HttpBindings>;
  Variables: {
    requestId: string;
    log: Logger;
    auth: AuthInfo;
  };
}
