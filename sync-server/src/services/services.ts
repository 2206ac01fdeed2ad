import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Database } from '../db/database';
import type { Logger } from '../logger';
import type { AccessTokens } from './accessTokens';
import type { BackgroundTasks } from './backgroundTasks';
import type { Catalog } from './catalog/catalog';
import type { Mailer } from './mailer/mailer';
import type { PasswordHasher } from './passwords';
import type { RateLimitStore } from './rateLimit/store';
import type { DocumentGateway } from './studio/liveDocuments';
import type { MembershipEvents } from './studio/membershipEvents';

/** Everything a use case may need, built once by createApp from the injected deps. */
export interface Services {
  db: Database;
  config: Config;
  clock: Clock;
  log: Logger;
  mailer: Mailer;
  rateLimits: RateLimitStore;
  passwords: PasswordHasher;
  accessTokens: AccessTokens;
  tasks: BackgroundTasks;
  /** Membership changes the sync sockets must apply at once. */
  membership: MembershipEvents;
  /** The live collaboration documents (bound to the sync hub by server.ts). */
  documents: DocumentGateway;
  /** Media folders, job queue and limits of the catalog. */
  catalog: Catalog;
}
