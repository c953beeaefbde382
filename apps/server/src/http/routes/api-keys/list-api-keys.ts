import { z } from 'zod';
import type { Deps } from '../../../deps.js';
import { listApiKeys } from '../../../queries/api-keys.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { pageOf, pageQuery, pageRequest, toPage } from '../../pagination.js';
import { problemResponses } from '../../problem.js';
import { apiKeySchema, presentApiKey } from './api-key-schema.js';

export function listApiKeysRoute(http: HttpApp, deps: Deps): void {
  http.get(
    '/api-keys',
    {
      schema: {
        operationId: 'listApiKeys',
        tags: ['API keys'],
        summary: "List the organization's API keys, revoked ones included (never their tokens)",
        querystring: z.strictObject(pageQuery),
        response: { 200: pageOf(apiKeySchema), ...problemResponses(400, 401) },
      },
    },
    async (request) => {
      const { orgId } = principalOf(request);
      const page = pageRequest(request.query);

      const apiKeys = await listApiKeys(deps.db, orgId, page);

      return toPage(apiKeys, page, presentApiKey);
    },
  );
}
