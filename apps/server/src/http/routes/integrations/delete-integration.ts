import type { Deps } from '../../../deps.js';
import { deleteIntegration } from '../../../use-cases/delete-integration.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { problemResponses } from '../../problem.js';
import { noContent } from '../../schemas.js';
import { appNotFound } from '../apps/problems.js';
import { integrationParams } from './integration-schema.js';
import { integrationNotFound } from './problems.js';

export function deleteIntegrationRoute(http: HttpApp, deps: Deps): void {
  http.delete(
    '/apps/:appId/integrations/:integrationId',
    {
      schema: {
        operationId: 'deleteIntegration',
        tags: ['Integrations'],
        summary: 'Delete an integration, with its pending deliveries and its delivery log',
        params: integrationParams,
        response: { 204: noContent, ...problemResponses(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const { orgId } = principalOf(request);
      const { appId, integrationId } = request.params;

      const result = await deleteIntegration(deps, { orgId, appId, integrationId });

      switch (result.outcome) {
        case 'deleted':
          return reply.code(204).send();
        case 'app_not_found':
          throw appNotFound(appId);
        case 'integration_not_found':
          throw integrationNotFound(integrationId);
      }
    },
  );
}
