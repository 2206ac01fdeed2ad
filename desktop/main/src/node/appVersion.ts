import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** The version in desktop/main/package.json, read at runtime: src/ is the compile root. */
export const APP_VERSION: string = z
  .object({ version: z.string() })
  .parse(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'))).version;
