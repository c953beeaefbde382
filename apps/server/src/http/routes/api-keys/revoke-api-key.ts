import { z } from 'zod';
import type { Deps } from '../../../deps.js';
import { revokeApiKey } from '../../../use-cases/revoke-api-key.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { Problem, problemResponses } from '../../problem.js';
import { id } from '../../schemas.js';
import { apiKeySchema, presentApiKey } from './api-key-schema.js';

export function revokeApiKeyRoute(http: HttpApp, deps: Deps): void {
  http.post(
    '/api-keys/:apiKeyId/revoke',
    {
      schema: {
        operationId: 'revokeApiKey',
        tags: ['API keys'],
        summary: 'Revoke an API key: it stops working at once (revoking twice is harmless)',
        params: z.strictObject({ apiKeyId: id }),
        response: { 200: apiKeySchema, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { orgId } = principalOf(request);

      const result = await revokeApiKey(deps, { orgId, apiKeyId: request.params.apiKeyId });

      switch (result.outcome) {
        case 'revoked':
          return presentApiKey(result.apiKey);
        case 'api_key_not_found':
          throw new Problem(404, 'api_key_not_found', `There is no API key ${request.params.apiKeyId}`);
      }
    },
  );
}
