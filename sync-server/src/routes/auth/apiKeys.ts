import { Hono } from 'hono';
import { z } from 'zod';
import { CreateApiKeyRequest, type ApiKeyListResponse, type CreatedApiKey } from '@encore/shared/api/apiKeys';
import { requireAuth } from '../../middleware/auth';
import type { AppEnv } from '../../middleware/env';
import { parseJson, parseParams } from '../../middleware/parse';
import { createApiKey, listApiKeys, revokeApiKey } from '../../services/auth/apiKeys';
import { AppPasswordCipher } from '../../services/auth/appPasswordCipher';
import type { Services } from '../../services/services';

const IdParam = z.object({ id: z.uuid() });

/**
 * /api/auth/api-keys: credentials for Subsonic players. POST answers the secret once
 * (`no-store`); GET lists name, kind, created and last used; DELETE revokes at once.
 *
 * @example
 * app.route('/api/auth/api-keys', apiKeyRoutes(services));
 */
export function apiKeyRoutes(s: Services): Hono<AppEnv> {
  const cipher = new AppPasswordCipher(s.config.jwtSecret);
  const noStore = { 'Cache-Control': 'no-store' };
  return new Hono<AppEnv>()
    .use(requireAuth(s))
    .post('/', async (c) => {
      const body = await parseJson(c, CreateApiKeyRequest);
      const created = await createApiKey(s.db, cipher, c.get('auth').userId, body, s.clock.now());
      c.get('log').info({ keyId: created.key.id, kind: created.key.kind }, 'api key created');
      return c.json(created satisfies CreatedApiKey, 201, noStore);
    })
    .get('/', async (c) => c.json({ keys: await listApiKeys(s.db, c.get('auth').userId) } satisfies ApiKeyListResponse, 200, noStore))
    .delete('/:id', async (c) => {
      await revokeApiKey(s.db, c.get('auth').userId, parseParams(c, IdParam).id);
      return c.body(null, 204);
    });
}
