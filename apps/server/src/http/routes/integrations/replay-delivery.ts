import type { Deps } from '../../../deps.js';
import { replayDeliveries } from '../../../use-cases/replay-deliveries.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { Problem, problemResponses } from '../../problem.js';
import { deliveryParams, replayResult } from './delivery-schema.js';
import { integrationOf } from './integration-of.js';

export function replayDeliveryRoute(http: HttpApp, deps: Deps): void {
  http.post(
    '/apps/:appId/integrations/:integrationId/deliveries/:eventId/replay',
    {
      schema: {
        operationId: 'replayDelivery',
        tags: ['Integrations'],
        summary: 'Send one event to the integration again (same dedupe key, fresh retry schedule)',
        params: deliveryParams,
        response: { 202: replayResult, ...problemResponses(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const integration = await integrationOf(deps, principalOf(request), request.params);
      const { eventId } = request.params;

      const replayed = await replayDeliveries(deps, {
        appId: integration.app_id,
        integrationId: integration.id,
        select: { eventId },
      });

      if (replayed === 0) {
        throw new Problem(404, 'delivery_not_found', `The integration has no delivery of event ${eventId}`);
      }
      return reply.code(202).send({ replayed });
    },
  );
}
