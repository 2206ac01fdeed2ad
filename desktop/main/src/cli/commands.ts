import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { defaultDataDir, DEFAULT_PORTS } from '@encore/shared/dataDir';
import { convertCommand } from './convert';
import { libraryCommand } from './library';
import { renderCommand } from './render';

export interface CommandContext {
  json: boolean;
  /** --data: the data folder to work on instead of the app's. */
  data: string | undefined;
  args: string[];
  /** The command's own options (Command.options), as parsed. */
  options: Record<string, string | boolean | undefined>;
  out: (s: string) => void;
  /** Progress and warnings (stderr). */
  err: (s: string) => void;
}

export interface Command {
  summary: string;
  /** Options beyond --json and --data (node:util parseArgs style). */
  options?: Record<string, { type: 'string' | 'boolean'; short?: string }>;
  run(ctx: CommandContext): Promise<string | void>;
}

const rootPackage = resolve(import.meta.dirname, '..', '..', '..', '..', 'package.json');

function appVersion(): string {
  return (JSON.parse(readFileSync(rootPackage, 'utf8')) as { version: string }).version;
}

function dataDirOf(ctx: CommandContext): string {
  return resolve(ctx.data ?? defaultDataDir({ env: process.env, platform: process.platform, home: homedir() }));
}

/** The commands of `encore`; each capability adds its own here. */
export const commands: Record<string, Command> = {
  version: {
    summary: 'print the version',
    async run(ctx) {
      const v = appVersion();
      if (ctx.json) ctx.out(`${JSON.stringify({ version: v })}\n`);
      else ctx.out(`encore ${v}\n`);
      return undefined;
    },
  },
  info: {
    summary: 'where Encore keeps its data and which ports it uses',
    async run(ctx) {
      const dataDir = dataDirOf(ctx);
      const info = {
        version: appVersion(),
        node: process.versions.node,
        dataDir,
        desktopDatabase: join(dataDir, 'desktop', 'encore.db'),
        serverData: join(dataDir, 'server'),
        ports: DEFAULT_PORTS,
      };
      if (ctx.json) ctx.out(`${JSON.stringify(info)}\n`);
      else
        ctx.out(
          [
            `Encore ${info.version} (Node ${info.node})`,
            `data folder       ${info.dataDir}`,
            `desktop database  ${info.desktopDatabase}`,
            `server data       ${info.serverData}`,
            `ports             sync ${info.ports.syncServer}, media ${info.ports.mediaServer}, app ${info.ports.browserMode}`,
            '',
          ].join('\n'),
        );
    },
  },
  library: libraryCommand,
  render: renderCommand,
  convert: convertCommand,
};
