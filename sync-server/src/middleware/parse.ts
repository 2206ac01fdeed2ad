import type { Context } from 'hono';
import type { z } from 'zod';
import { EncoreError } from '@encore/shared/errors';

/**
 * Turns zod issues into VALIDATION_FAILED details: field paths, codes and messages only.
 * The offending input is never echoed, so a password cannot come back in an error body.
 */
export function validationError(error: z.ZodError, where: 'body' | 'query' | 'params'): EncoreError {
  const issues = error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.') || '(root)', code: i.code, message: i.message }));
  return new EncoreError('VALIDATION_FAILED', `The request ${where} is not valid`, { issues });
}

/**
 * Reads a JSON body and parses it with `schema`: UNSUPPORTED_MEDIA_TYPE unless the request
 * says application/json, MALFORMED_JSON when it does not parse, VALIDATION_FAILED when the
 * shape is wrong.
 *
 * @example
 * const body = await parseJson(c, LoginRequest);
 */
export async function parseJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw new EncoreError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json');
  const text = await c.req.text();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new EncoreError('MALFORMED_JSON', 'The request body is not valid JSON');
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(parsed.error, 'body');
  return parsed.data;
}

/** Like {@link parseJson}, but a request with no body at all counts as `{}`. */
export async function parseOptionalJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const hasBody = c.req.header('content-type') !== undefined || Number(c.req.header('content-length') ?? 0) > 0 || c.req.header('transfer-encoding') !== undefined;
  if (hasBody) return parseJson(c, schema);
  const parsed = schema.safeParse({});
  if (!parsed.success) throw validationError(parsed.error, 'body');
  return parsed.data;
}

/** Parses the query string with `schema` (VALIDATION_FAILED on failure). */
export function parseQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw validationError(parsed.error, 'query');
  return parsed.data;
}

/** Parses the path parameters with `schema` (VALIDATION_FAILED on failure). */
export function parseParams<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  const parsed = schema.safeParse(c.req.param());
  if (!parsed.success) throw validationError(parsed.error, 'params');
  return parsed.data;
}
