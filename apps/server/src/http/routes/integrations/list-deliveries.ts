import { z } from 'zod';
import type { Deps } from '../../../deps.js';
import { listDeliveries } from '../../../queries/deliveries.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { pageOf, pageQuery, pageRequest, toPage } from '../../pagination.js';
import { problemResponses } from '../../problem.js';
import { deliverySchema, deliveryStatusQuery, integrationParams, presentDelivery } from './delivery-schema.js';
import { integrationOf } from './integration-of.js';

export function listDeliveriesRoute(http: HttpApp, deps: Deps): void {
  http.get(
    '/apps/:appId/integrations/:integrationId/deliveries',
    {
      schema: {
        operationId: 'listDeliveries',
        tags: ['Integrations'],
        summary: "The integration's deliveries, newest event first",
        params: integrationParams,
        querystring: z.strictObject({ ...pageQuery, ...deliveryStatusQuery.shape }),
        response: { 200: pageOf(deliverySchema), ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const integration = await integrationOf(deps, principalOf(request), request.params);
      const page = pageRequest(request.query, 'newest_first');

      const rows = await listDeliveries(
        deps.db,
        integration.app_id,
        integration.id,
        { status: request.query.status },
        page,
      );

      return toPage(rows, page, presentDelivery);
    },
  );
}
