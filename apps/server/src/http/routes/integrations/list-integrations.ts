import { z } from 'zod';
import type { Deps } from '../../../deps.js';
import { findApp } from '../../../queries/apps.js';
import { listIntegrations } from '../../../queries/integrations.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { pageOf, pageQuery, pageRequest, toPage } from '../../pagination.js';
import { problemResponses } from '../../problem.js';
import { appParams } from '../apps/app-schema.js';
import { appNotFound } from '../apps/problems.js';
import { integrationSchema, presentIntegration } from './integration-schema.js';

export function listIntegrationsRoute(http: HttpApp, deps: Deps): void {
  http.get(
    '/apps/:appId/integrations',
    {
      schema: {
        operationId: 'listIntegrations',
        tags: ['Integrations'],
        summary: "List an app's integrations, oldest first",
        params: appParams,
        querystring: z.strictObject(pageQuery),
        response: { 200: pageOf(integrationSchema), ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { orgId } = principalOf(request);
      const page = pageRequest(request.query);

      const app = await findApp(deps.db, orgId, request.params.appId);
      if (!app) {
        throw appNotFound(request.params.appId);
      }
      const integrations = await listIntegrations(deps.db, app.id, page);

      return toPage(integrations, page, presentIntegration);
    },
  );
}
