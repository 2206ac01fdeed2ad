import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { startServer } from './server';

// Entry of `npm start -w @encore/sync-server` (tsx sync-server/src/main.ts).
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`sync-server: ${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  const logger = createLogger(config);
  const server = await startServer({ config, logger });
  logger.info({ url: server.url, database: server.database.driver, redis: Boolean(config.redisUrl) }, `sync-server listening on ${server.url}`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'sync-server stopping');
    // A hung connection must not keep the process alive forever.
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'sync-server did not stop cleanly');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`sync-server failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
