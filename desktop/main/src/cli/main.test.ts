import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './main';

async function run(...argv: string[]) {
  let out = '';
  const code = await runCli(argv, (s) => (out += s));
  return { code, out };
}

describe('encore CLI', () => {
  it('prints usage and fails without a command', async () => {
    const r = await run();
    expect(r.code).toBe(2);
    expect(r.out).toContain('Usage: encore <command>');
  });
  it('answers --json with parseable JSON', async () => {
    const r = await run('info', '--json', '--data', '/tmp/encore-cli-test');
    expect(r.code).toBe(0);
    const info = JSON.parse(r.out) as { dataDir: string; ports: { syncServer: number } };
    expect(info.dataDir).toBe('/tmp/encore-cli-test');
    expect(info.ports.syncServer).toBe(8787);
  });
  it('refuses unknown commands and options with exit code 2', async () => {
    expect((await run('nope')).code).toBe(2);
    const r = await run('info', '--bogus');
    expect(r.code).toBe(2);
    expect(r.out).toContain('--bogus');
  });
  it('prints the version', async () => {
    const r = await run('version', '--json');
    expect(JSON.parse(r.out)).toEqual({ version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });
  it('runs as the installed bin from any folder (tsx resolved from the project, not the caller)', () => {
    const bin = resolve(import.meta.dirname, '..', '..', '..', '..', 'bin', 'encore.js');
    const r = spawnSync(process.execPath, [bin, 'version', '--json'], { cwd: tmpdir(), encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });
});
