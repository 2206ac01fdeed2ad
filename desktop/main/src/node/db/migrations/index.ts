import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-projects';
import { migration0003 } from './0003-library';
import { migration0004 } from './0004-analysis';
import { migration0005 } from './0005-shared-projects';
import { migration0006 } from './0006-downloads';
import { migration0007 } from './0007-catalog-tracks';
import { migration0008 } from './0008-synced-docs';
import type { Migration } from './types';

/** Every migration, in order. Append only: a shipped migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008];
