/**
 * The constraint a unique violation (SQLSTATE 23505) broke, or undefined for any other
 * error. Drivers differ (postgres.js: `constraint_name`, PGlite: `constraint`) and drizzle
 * wraps them in `cause`, so the chain is walked.
 */
export function uniqueViolation(e: unknown): string | undefined {
  for (let cur: unknown = e, depth = 0; cur && typeof cur === 'object' && depth < 5; depth++) {
    const err = cur as { code?: unknown; constraint_name?: unknown; constraint?: unknown; cause?: unknown };
    if (err.code === '23505') return String(err.constraint_name ?? err.constraint ?? '');
    cur = err.cause;
  }
  return undefined;
}
