/**
 * The lint rule that keeps ARCHITECTURE.md's boundaries is itself tested: each forbidden
 * import is fed to ESLint as if it stood in that layer, and must be reported.
 */
import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: resolve(import.meta.dirname, '..') });

async function errorsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => m.ruleId ?? m.message);
}

describe('layering lint rule', () => {
  it.each([
    ['desktop/renderer/src/x.ts', "import { readFileSync } from 'node:fs';\nreadFileSync('a');\n"],
    ['desktop/renderer/src/x.ts', "import { readFileSync } from 'fs';\nreadFileSync('a');\n"],
    ['desktop/renderer/src/x.ts', "import { x } from '@encore/desktop-main/main';\nx();\n"],
    ['desktop/renderer/src/x.ts', "import { x } from '@encore/sync-server/app';\nx();\n"],
    ['desktop/audio-engine/src/x.ts', "import { x } from 'node:worker_threads';\nx();\n"],
    ['shared/src/x.ts', "import { x } from 'node:path';\nx();\n"],
    ['shared/src/x.ts', "export const w = window.innerWidth;\n"],
    ['shared/src/x.ts', "export const e = process.env.X;\n"],
    ['desktop/main/src/x.ts', "import { x } from '@encore/sync-server/app';\nx();\n"],
    ['sync-server/src/x.ts', "import { x } from '@encore/desktop-main/main';\nx();\n"],
    ['media-server/src/x.ts', "import { x } from '@encore/renderer/main';\nx();\n"],
  ])('%s may not: %s', async (file, code) => {
    const errors = await errorsFor(file, code);
    expect(errors.some((r) => r === 'no-restricted-imports' || r === 'no-restricted-globals')).toBe(true);
  });

  it.each([
    ['desktop/main/src/x.ts', "import { readFileSync } from 'node:fs';\nreadFileSync('a');\n"],
    ['desktop/renderer/src/x.ts', "import { EncoreError } from '@encore/shared/errors';\nthrow new EncoreError('INTERNAL', 'x');\n"],
    ['sync-server/src/x.ts', "import { EncoreError } from '@encore/shared/errors';\nthrow new EncoreError('INTERNAL', 'x');\n"],
  ])('%s may: %s', async (file, code) => {
    expect(await errorsFor(file, code)).toEqual([]);
  });
});
