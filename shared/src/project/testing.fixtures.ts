import * as Y from 'yjs';
import { expect } from 'vitest';
import { isEncoreError } from '../errors';
import { ProjectApi } from './api/ProjectApi';
import { createIdGenerator, seededRandomBytes } from './ids';
import { readProject } from './read/readProject';
import { createEmptyProject } from './templates/emptyProject';

/** Test helper: an empty project and a user's API over it. */
export function setup(origin: unknown = 'alice', seed = 1) {
  const doc = new Y.Doc();
  createEmptyProject(doc, { title: 'Test' });
  const api = new ProjectApi(doc, { origin, newId: createIdGenerator(seededRandomBytes(seed)) });
  return { doc, api, read: () => readProject(doc) };
}

/** Test helper: `fn` throws an EncoreError with `code` and leaves the document byte-identical. */
export function expectRejected(doc: Y.Doc, fn: () => unknown, code: string, message?: RegExp): void {
  const before = Y.encodeStateAsUpdate(doc);
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(isEncoreError(error) ? error.code : error).toBe(code);
  if (message) expect((error as Error).message).toMatch(message);
  expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
}
