import { z } from 'zod';
import type { Deps } from '../../../deps.js';
import { listDeliveryAttempts } from '../../../queries/deliveries.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { pageOf, pageQuery, pageRequest, toPage } from '../../pagination.js';
import { problemResponses } from '../../problem.js';
import { attemptSchema, integrationParams, presentAttempt } from './delivery-schema.js';
import { integrationOf } from './integration-of.js';

export function listDeliveryAttemptsRoute(http: HttpApp, deps: Deps): void {
  http.get(
    '/apps/:appId/integrations/:integrationId/attempts',
    {
      schema: {
        operationId: 'listDeliveryAttempts',
        tags: ['Integrations'],
        summary: "The integration's delivery log: every request sent and test send, newest first",
        params: integrationParams,
        querystring: z.strictObject(pageQuery),
        response: { 200: pageOf(attemptSchema), ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const integration = await integrationOf(deps, principalOf(request), request.params);
      const page = pageRequest(request.query, 'newest_first');

      const rows = await listDeliveryAttempts(deps.db, integration.app_id, integration.id, page);

      return toPage(rows, page, presentAttempt);
    },
  );
}
