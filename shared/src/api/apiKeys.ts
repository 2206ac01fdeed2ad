import { z } from 'zod';
import { plainLine } from './catalog';

/**
 * Credentials for third-party players (OpenSubsonic): an API key (`apiKey=` parameter) or
 * an app password (for `u`+`p` or `u`+`t`+`s`). Either is shown once, at creation; the
 * account password is never accepted by the Subsonic API.
 */

export const ApiKeyKind = z.enum(['api_key', 'app_password']);
export type ApiKeyKind = z.infer<typeof ApiKeyKind>;

/** Body of POST /api/auth/api-keys. */
export const CreateApiKeyRequest = z.object({
  name: z.string().max(400).transform(plainLine).pipe(z.string().min(1).max(100)),
  kind: ApiKeyKind.default('api_key'),
});
export type CreateApiKeyRequest = z.input<typeof CreateApiKeyRequest>;

export const ApiKeyInfo = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: ApiKeyKind,
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
export type ApiKeyInfo = z.infer<typeof ApiKeyInfo>;

/** The answer to POST: the secret, here and never again. */
export const CreatedApiKey = z.object({ key: ApiKeyInfo, secret: z.string() });
export type CreatedApiKey = z.infer<typeof CreatedApiKey>;

export const ApiKeyListResponse = z.object({ keys: z.array(ApiKeyInfo) });
export type ApiKeyListResponse = z.infer<typeof ApiKeyListResponse>;

/** Most credentials one account may hold at once. */
export const API_KEYS_PER_USER = 50;
