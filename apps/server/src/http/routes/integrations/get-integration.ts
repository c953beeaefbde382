import type { Deps } from '../../../deps.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { problemResponses } from '../../problem.js';
import { integrationOf } from './integration-of.js';
import { integrationParams, integrationSchema, presentIntegration } from './integration-schema.js';

export function getIntegrationRoute(http: HttpApp, deps: Deps): void {
  http.get(
    '/apps/:appId/integrations/:integrationId',
    {
      schema: {
        operationId: 'getIntegration',
        tags: ['Integrations'],
        summary: 'Get an integration, its status and its settings (secrets show their last characters at most)',
        params: integrationParams,
        response: { 200: integrationSchema, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const integration = await integrationOf(deps, principalOf(request), request.params);

      return presentIntegration(integration);
    },
  );
}
