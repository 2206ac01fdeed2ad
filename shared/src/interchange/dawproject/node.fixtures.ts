/**
 * Node access for the DAWproject tests only. shared/ compiles without Node types and its lint
 * forbids `node:` imports (the layering rule, tests included), so the tests load the few Node
 * functions they need at run time, typed here by hand. Production code never imports this file.
 */
interface NodeFs {
  existsSync(path: string): boolean;
  readFileSync(path: string): Uint8Array;
  writeFileSync(path: string, data: Uint8Array | string): void;
  mkdtempSync(prefix: string): string;
  rmSync(path: string, options: { recursive: boolean; force: boolean }): void;
}
interface NodePath {
  resolve(...parts: string[]): string;
  join(...parts: string[]): string;
  dirname(path: string): string;
}
interface SpawnResult {
  status: number | null;
  stdout: string;
  stderr: string;
  error?: Error;
}
interface NodeChildProcess {
  spawnSync(command: string, args: string[], options: { encoding: 'utf8' }): SpawnResult;
}
interface NodeCrypto {
  createHash(algorithm: string): { update(data: Uint8Array): { digest(encoding: 'hex'): string } };
}
interface NodeUrl {
  fileURLToPath(url: string): string;
}
interface NodeOs {
  tmpdir(): string;
}

const load = <T>(name: string): Promise<T> => import(/* @vite-ignore */ `node:${name}`) as Promise<T>;

export const fs = await load<NodeFs>('fs');
export const path = await load<NodePath>('path');
const childProcess = await load<NodeChildProcess>('child_process');
const crypto = await load<NodeCrypto>('crypto');
const url = await load<NodeUrl>('url');
const os = await load<NodeOs>('os');

/** The repository root: this file is shared/src/interchange/dawproject/. */
export const REPO_ROOT = path.resolve(path.dirname(url.fileURLToPath((import.meta as unknown as { url: string }).url)), '../../../..');

/** The shared test material, beside the repository (CI clones ../shared next to it). */
export const MATERIAL_DIR = path.resolve(REPO_ROOT, '../shared/test-material/dawproject');

/** Reads a file of the DAWproject test material, failing clearly when the material is missing. */
export function material(name: string): Uint8Array {
  const file = path.join(MATERIAL_DIR, name);
  if (!fs.existsSync(file)) throw new Error(`DAWproject test material is missing: ${file} (expected ../shared/test-material/dawproject beside the repository)`);
  return new Uint8Array(fs.readFileSync(file));
}

export const sha256 = (bytes: Uint8Array): Promise<string> => Promise.resolve(crypto.createHash('sha256').update(bytes).digest('hex'));

/**
 * Validates an XML document against one of the material's XSDs with xmllint; returns xmllint's
 * complaint, or '' when valid.
 */
export function xmllint(xml: string, xsd: 'Project.xsd' | 'MetaData.xsd'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dawproject-'));
  try {
    const file = path.join(dir, 'doc.xml');
    fs.writeFileSync(file, xml);
    const result = childProcess.spawnSync('xmllint', ['--noout', '--schema', path.join(MATERIAL_DIR, xsd), file], { encoding: 'utf8' });
    if (result.error) throw new Error(`xmllint could not run (install libxml2-utils): ${result.error.message}`);
    return result.status === 0 ? '' : result.stderr;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
