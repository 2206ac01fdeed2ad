import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../db/testing';
import { resolveStatic } from './staticFiles';

describe('resolveStatic', () => {
  const tmp = tempDir();
  const root = path.join(tmp.dir, 'dist');
  beforeAll(() => {
    fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
    fs.writeFileSync(path.join(root, 'assets', 'app-1a2b.js'), 'x');
    fs.writeFileSync(path.join(root, 'assets', 'engine.wasm'), 'x');
    fs.writeFileSync(path.join(root, '.env'), 'SECRET=1');
    fs.writeFileSync(path.join(tmp.dir, 'secret.txt'), 'secret');
    fs.symlinkSync(path.join(tmp.dir, 'secret.txt'), path.join(root, 'link.txt'));
  });
  afterAll(() => tmp.cleanup());

  it('serves files with types and cache policy', async () => {
    expect(await resolveStatic(root, '/')).toMatchObject({ kind: 'file', isHtml: true, contentType: 'text/html; charset=utf-8', cacheControl: 'no-cache' });
    expect(await resolveStatic(root, '/assets/app-1a2b.js')).toMatchObject({ kind: 'file', contentType: 'text/javascript; charset=utf-8', cacheControl: 'public, max-age=31536000, immutable' });
    expect(await resolveStatic(root, '/assets/engine.wasm')).toMatchObject({ contentType: 'application/wasm' });
  });

  it('falls back to the app for client routes, 404 for missing files', async () => {
    expect(await resolveStatic(root, '/library/albums')).toEqual({ kind: 'spa' });
    expect(await resolveStatic(root, '/assets/missing.js')).toEqual({ kind: 'not-found' });
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/..%5csecret.txt',
    '/index.html%00.js',
    '/%E0%A4%A',
    'secret.txt',
  ])('refuses %s', async (p) => {
    expect((await resolveStatic(root, p)).kind).toBe('bad-request');
  });

  it('does not leave the root through absolute paths, dotfiles or symlinks', async () => {
    expect((await resolveStatic(root, `/${tmp.dir}/secret.txt`)).kind).toBe('not-found');
    // An absolute path stays under the root: at most the app shell, never /etc/passwd.
    expect((await resolveStatic(root, '//etc/passwd')).kind).toBe('spa');
    expect((await resolveStatic(root, '//etc/hosts.txt')).kind).toBe('not-found');
    expect((await resolveStatic(root, '/.env')).kind).toBe('not-found');
    expect((await resolveStatic(root, '/link.txt')).kind).toBe('not-found');
  });
});
