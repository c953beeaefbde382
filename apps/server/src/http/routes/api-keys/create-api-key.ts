import { z } from 'zod';
import type { Deps } from '../../../deps.js';
import { createApiKey } from '../../../use-cases/create-api-key.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { problemResponses } from '../../problem.js';
import { displayName } from '../../schemas.js';
import { apiKeySchema, presentApiKey } from './api-key-schema.js';

export function createApiKeyRoute(http: HttpApp, deps: Deps): void {
  http.post(
    '/api-keys',
    {
      schema: {
        operationId: 'createApiKey',
        tags: ['API keys'],
        summary: 'Create an API key for automation: its token is shown in this answer only',
        body: z.strictObject({ name: displayName }),
        response: {
          201: apiKeySchema.extend({
            token: z.string().describe('Send as "Authorization: Bearer <token>"; not shown again'),
          }),
          ...problemResponses(400, 401, 413, 415),
        },
      },
    },
    async (request, reply) => {
      const { orgId } = principalOf(request);

      const { apiKey, token } = await createApiKey(deps, { orgId, name: request.body.name });

      return reply.code(201).send({ ...presentApiKey(apiKey), token });
    },
  );
}
