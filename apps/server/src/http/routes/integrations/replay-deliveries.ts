import type { Deps } from '../../../deps.js';
import { replayDeliveries } from '../../../use-cases/replay-deliveries.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { problemResponses } from '../../problem.js';
import { integrationParams, replayInput, replayResult } from './delivery-schema.js';
import { integrationOf } from './integration-of.js';

export function replayDeliveriesRoute(http: HttpApp, deps: Deps): void {
  http.post(
    '/apps/:appId/integrations/:integrationId/replay',
    {
      schema: {
        operationId: 'replayDeliveries',
        tags: ['Integrations'],
        summary: 'Send again every dead (or delivered, or skipped) delivery, optionally of a time range',
        params: integrationParams,
        body: replayInput,
        response: { 202: replayResult, ...problemResponses(400, 401, 404, 413, 415) },
      },
    },
    async (request, reply) => {
      const integration = await integrationOf(deps, principalOf(request), request.params);
      const { statuses, from, to } = request.body;

      const replayed = await replayDeliveries(deps, {
        appId: integration.app_id,
        integrationId: integration.id,
        select: {
          statuses,
          from: from === undefined ? null : new Date(from),
          to: to === undefined ? null : new Date(to),
        },
      });

      return reply.code(202).send({ replayed });
    },
  );
}
