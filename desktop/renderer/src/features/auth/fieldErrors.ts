import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

/** Per-field wording of the shared schemas' rules, written for people rather than parsers. */
const WORDING: Record<string, (issue: Issue) => string> = {
  email: () => 'Enter a valid email address, like you@example.com.',
  username: (i) =>
    i.code === 'too_small'
      ? 'Use at least 3 characters.'
      : i.code === 'too_big'
        ? 'Use at most 32 characters.'
        : 'Use letters, digits, dots, dashes and underscores, starting with a letter or digit.',
  password: (i) => (i.code === 'too_small' ? 'Use at least 10 characters.' : i.code === 'too_big' || i.code === 'custom' ? 'That password is too long (72 bytes at most).' : 'Enter a password.'),
  displayName: () => 'Use at most 80 characters.',
  login: () => 'Enter your email or username.',
};

/**
 * The first problem of each field, from a failed zod parse of a shared request schema.
 *
 * @example
 * const r = RegisterRequest.safeParse(form);
 * if (!r.success) setErrors(fieldErrors(r.error));
 */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    if (!field || out[field]) continue;
    out[field] = WORDING[field]?.(issue) ?? issue.message;
  }
  return out;
}
