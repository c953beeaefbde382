import type { Deps } from '../../../deps.js';
import { resumeIntegration } from '../../../use-cases/resume-integration.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { problemResponses } from '../../problem.js';
import { appNotFound } from '../apps/problems.js';
import { integrationParams, integrationSchema, presentIntegration } from './integration-schema.js';
import { integrationNotFound } from './problems.js';

export function resumeIntegrationRoute(http: HttpApp, deps: Deps): void {
  http.post(
    '/apps/:appId/integrations/:integrationId/resume',
    {
      schema: {
        operationId: 'resumeIntegration',
        tags: ['Integrations'],
        summary: 'Resume a paused (or throttled) integration: what waited is sent',
        description:
          'Clears the pause the vendor caused by refusing the credentials (fix them first with PATCH) and any ' +
          'throttle after a 429. It does not enable a disabled integration.',
        params: integrationParams,
        response: { 200: integrationSchema, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { orgId } = principalOf(request);
      const { appId, integrationId } = request.params;

      const result = await resumeIntegration(deps, { orgId, appId, integrationId });

      switch (result.outcome) {
        case 'resumed':
          return presentIntegration(result.integration);
        case 'app_not_found':
          throw appNotFound(appId);
        case 'integration_not_found':
          throw integrationNotFound(integrationId);
      }
    },
  );
}
