/**
 * `encore`: the headless command of Encore (bin/encore.js runs this through tsx).
 * Every command takes `--json` for machine-readable output and `--data <dir>` for a data
 * folder other than the app's. Later capabilities add their commands to `commands`.
 */
import { parseArgs } from 'node:util';
import { commands, type CommandContext } from './commands';
import { EncoreError } from '@encore/shared/errors';

export async function runCli(
  argv: string[],
  out: (s: string) => void = (s) => process.stdout.write(s),
  err: (s: string) => void = (s) => process.stderr.write(s),
): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    out(usage());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    return runCli(['version'], out);
  }
  const command = commands[name];
  if (!command) {
    out(`encore: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { ...command.options, json: { type: 'boolean', default: false }, data: { type: 'string' } },
      strict: true,
    });
  } catch (e) {
    out(`encore ${name}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  const { json, data, ...options } = parsed.values;
  const ctx: CommandContext = { json: json ?? false, data: typeof data === 'string' ? data : undefined, args: parsed.positionals, options, out, err };
  try {
    await command.run(ctx);
    return 0;
  } catch (e) {
    const err = e instanceof EncoreError ? { code: e.code, message: e.message } : { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
    out(ctx.json ? `${JSON.stringify({ error: err })}\n` : `encore ${name}: ${err.message}\n`);
    return 1;
  }
}

function usage(): string {
  const lines = Object.entries(commands).map(([n, c]) => `  ${n.padEnd(12)} ${c.summary}`);
  return `Usage: encore <command> [--json] [--data <dir>]\n\nCommands:\n${lines.join('\n')}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runCli(process.argv.slice(2)).then((code) => process.exit(code));
}
