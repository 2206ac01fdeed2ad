// The `encore` CLI as a bundle (bin/encore.js runs it): desktop/main/src/cli/main.ts and the
// render's worker entry bundled by esbuild into node_modules/.cache/encore-cli, rebuilt when any
// source file it was built from is newer than the build. Packages stay external (they resolve
// from node_modules as usual); only the workspace's TypeScript (@encore/*) is bundled.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

const MAIN = 'desktop/main/src/cli/main.ts';
const WORKER = 'desktop/main/src/node/render/renderWorker.ts';

/**
 * The path of the CLI bundle's entry (it exports runCli), built first if missing or stale.
 *
 * @example
 * const { runCli } = await import(pathToFileURL(await cliBundle(root)).href);
 */
export async function cliBundle(root) {
  const dir = join(root, 'node_modules', '.cache', 'encore-cli');
  const manifest = join(dir, 'manifest.json');
  const current = readManifest(manifest);
  if (current && isFresh(root, dir, current)) return join(dir, current.main);
  return build(root, dir, manifest);
}

function readManifest(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

/** Fresh: every input is still there and none was modified since the build started. */
function isFresh(root, dir, m) {
  try {
    for (const input of m.inputs) if (statSync(join(root, input)).mtimeMs > m.builtAt) return false;
    statSync(join(dir, m.main));
    statSync(join(dir, m.worker));
    return true;
  } catch {
    return false;
  }
}

async function build(root, dir, manifest) {
  const builtAt = Date.now();
  const { build: esbuild } = await import('esbuild');
  const common = {
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [sourcesOnly(root)],
  };
  const worker = await esbuild({ ...common, entryPoints: [join(root, WORKER)], outfile: join(dir, 'renderWorker.mjs') });
  const workerFile = named('renderWorker', worker.outputFiles[0].contents);
  // The render starts its workers from the worker bundle when __ENCORE_RENDER_WORKER__ is defined (parallelRender.ts).
  // Split at dynamic imports, so a command loads only what it runs (the render's synth, a library's database).
  const cli = await esbuild({ ...common, entryPoints: { main: join(root, MAIN) }, outdir: dir, splitting: true, entryNames: '[name]-[hash]', chunkNames: 'chunk-[hash]', outExtension: { '.js': '.mjs' }, define: { __ENCORE_RENDER_WORKER__: JSON.stringify(pathToFileURL(join(dir, workerFile)).href) } });
  const files = cli.outputFiles.map((f) => ({ name: relative(dir, f.path), contents: f.contents }));
  const mainFile = files.find((f) => f.name.startsWith('main-'))?.name;
  if (!mainFile) throw new Error('esbuild wrote no main entry');
  // This file is an input too: a change to how the bundle is made rebuilds it.
  const inputs = [...new Set(['bin/cliBundle.js', ...Object.keys(worker.metafile.inputs), ...Object.keys(cli.metafile.inputs)])].filter((p) => !p.includes('node_modules'));
  mkdirSync(dir, { recursive: true });
  // Named by content and renamed into place: concurrent runs write the same files, never half of
  // one; the entries after the chunks they import, the manifest last.
  put(join(dir, workerFile), worker.outputFiles[0].contents);
  for (const f of files) if (f.name !== mainFile) put(join(dir, f.name), f.contents);
  put(join(dir, mainFile), files.find((f) => f.name === mainFile).contents);
  put(manifest, JSON.stringify({ builtAt, main: mainFile, worker: workerFile, inputs }));
  const keep = new Set([workerFile, 'manifest.json', ...files.map((f) => f.name)]);
  // Older builds go, once nobody can still be starting from them.
  for (const f of readdirSync(dir)) {
    if (keep.has(f)) continue;
    try {
      if (Date.now() - statSync(join(dir, f)).mtimeMs > 3_600_000) rmSync(join(dir, f), { force: true });
    } catch {
      // another run removed it first
    }
  }
  return join(dir, mainFile);
}

const named = (name, bytes) => `${name}-${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.mjs`;

function put(path, data) {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

/**
 * Bundles the workspace's own sources (and @encore/* packages, which are TypeScript) and leaves
 * every other package external. `import.meta.url`/`dirname`/`filename` keep meaning the source
 * file they are written in (paths relative to a source file still work from the bundle).
 */
function sourcesOnly(root) {
  return {
    name: 'encore-sources-only',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith('@encore/') || args.path.startsWith('node:')) return undefined;
        return { path: args.path, external: true };
      });
      b.onLoad({ filter: /\.tsx?$/ }, (args) => {
        if (args.path.includes('node_modules') || relative(root, args.path).startsWith('..')) return undefined;
        const source = readFileSync(args.path, 'utf8');
        if (!source.includes('import.meta')) return undefined;
        const values = { url: JSON.stringify(pathToFileURL(args.path).href), dirname: JSON.stringify(dirname(args.path)), filename: JSON.stringify(args.path) };
        const contents = source.replace(/import\.meta\.(url|dirname|filename)\b/g, (match, name, at) => (inCode(source, at) ? values[name] : match));
        return { contents, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
      });
    },
  };
}

/** Whether offset `at` of `source` is code rather than inside a string on its line (quotes before it on the line pair up). */
function inCode(source, at) {
  const line = source.slice(source.lastIndexOf('\n', at) + 1, at).replace(/\\./g, '');
  return ['"', "'", '`'].every((q) => line.split(q).length % 2 === 1);
}
