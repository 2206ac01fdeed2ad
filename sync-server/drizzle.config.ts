import { defineConfig } from 'drizzle-kit';

// `npm run db:generate -w @encore/sync-server` writes SQL migrations into ./drizzle from
// the schema; the server applies them at startup (PGlite and PostgreSQL alike).
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema/index.ts',
  out: './drizzle',
  strict: true,
  verbose: true,
});
