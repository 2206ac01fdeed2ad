import type { z } from 'zod';
import type { ReadIssue } from './snapshot';

/**
 * Parses one record read from the document. A corrupt or foreign value (an older client's bug,
 * a hand-edited file, a peer running a fork) is reported and skipped, never thrown: one bad
 * note must not make a song unopenable.
 */
export function parseRecord<S extends z.ZodType>(schema: S, value: unknown, path: string, issues: ReadIssue[]): z.output<S> | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  const where = first && first.path.length > 0 ? `${first.path.join('.')}: ` : '';
  issues.push({ path, message: `skipped: ${where}${first?.message ?? 'invalid'}` });
  return undefined;
}

/** Freezes a plain value deeply, so a snapshot can be shared without defensive copies. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
