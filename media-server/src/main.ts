/**
 * Entry point: `tsx media-server/src/main.ts`. Reads the environment, prepares the data folder,
 * starts the server and prints its URL; SIGINT/SIGTERM stop it gracefully.
 */
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { pino } from 'pino';
import { loadConfig } from './config';
import { startMediaServer } from './server';

async function main(): Promise<void> {
  const config = loadConfig(process.env, { platform: process.platform, home: homedir() });
  const logger = pino({ name: 'media-server', level: config.logLevel });
  mkdirSync(config.dataDir, { recursive: true });
  const server = await startMediaServer({ port: config.port, host: config.host, logger });
  // Plain stdout line: scripts and people look for the URL without parsing JSON logs.
  console.log(`media-server listening on ${server.url}`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    // A second signal means the user does not want to wait for the graceful path.
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'stopping');
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
