import { z } from 'zod';
import type { Deps } from '../../../deps.js';
import { findApp } from '../../../queries/apps.js';
import { eventDeliveries } from '../../../queries/deliveries.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { Problem, problemResponses } from '../../problem.js';
import { appNotFound } from '../apps/problems.js';
import { eventDeliverySchema, eventParams, stateOf } from './delivery-schema.js';

export function getEventDeliveriesRoute(http: HttpApp, deps: Deps): void {
  http.get(
    '/apps/:appId/events/:eventId/deliveries',
    {
      schema: {
        operationId: 'getEventDeliveries',
        tags: ['Integrations'],
        summary: 'Where one event went: its delivery status per integration, with the requests that carried it',
        params: eventParams,
        response: { 200: z.object({ data: z.array(eventDeliverySchema) }), ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { orgId } = principalOf(request);
      const app = await findApp(deps.db, orgId, request.params.appId);
      if (!app) {
        throw appNotFound(request.params.appId);
      }

      const deliveries = await eventDeliveries(deps.db, app.id, request.params.eventId);
      if (!deliveries) {
        throw new Problem(404, 'event_not_found', `The app has no event ${request.params.eventId}`);
      }

      return {
        data: deliveries.map((delivery) => ({
          integration_id: delivery.integration_id,
          kind: delivery.kind,
          name: delivery.name,
          ...stateOf(delivery),
          requests: delivery.requests.map((attempt) => ({
            ...attempt,
            attempted_at: attempt.attempted_at.toISOString(),
          })),
        })),
      };
    },
  );
}
