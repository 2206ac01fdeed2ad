// Lint: typescript-eslint's recommended rules plus the layering rules of ARCHITECTURE.md.
// The layering is also a type check: shared/ compiles with no DOM and no Node types.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)].filter((m) => !m.startsWith('_'));
const noNode = { paths: nodeBuiltins.map((name) => ({ name, message: 'This layer runs without Node: go through the host API.' })), patterns: [{ group: ['node:*'], message: 'This layer runs without Node.' }] };
const servers = ['@encore/sync-server', '@encore/sync-server/*', '@encore/media-server', '@encore/media-server/*'];
const desktop = ['@encore/desktop-main', '@encore/desktop-main/*', '@encore/renderer', '@encore/renderer/*', '@encore/audio-engine', '@encore/audio-engine/*'];
const msg = (what) => `${what}: desktop and servers meet only through contracts in @encore/shared.`;

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/.tsbuild/**', '**/drizzle/meta/**', 'bench/results/**', '.encore-data/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    files: ['shared/**'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', { ...noNode, patterns: [...noNode.patterns, { group: [...servers, ...desktop], message: 'shared imports nothing of Encore.' }] }],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require', '__dirname', 'localStorage'],
    },
  },
  {
    // Tests of shared/ run in Node (fixtures from disk, child processes); the code may not.
    files: ['shared/**/*.test.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: [...servers, ...desktop], message: 'shared imports nothing of Encore.' }] }],
      'no-restricted-globals': 'off',
    },
  },
  {
    files: ['desktop/renderer/**', 'desktop/audio-engine/**'],
    ignores: ['**/vite.config.ts', '**/*.node.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { ...noNode, patterns: [...noNode.patterns, { group: [...servers, '@encore/desktop-main', '@encore/desktop-main/*'], message: msg('The renderer never imports the host or the servers') }] }],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    files: ['desktop/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['desktop/main/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: [...servers, '@encore/renderer', '@encore/renderer/*'], message: msg('The host') }] }] },
  },
  {
    files: ['sync-server/**', 'media-server/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: desktop, message: msg('A server') }] }] },
  },
);
