import { z } from 'zod';
import type { Deps } from '../../../deps.js';
import { recordImpression } from '../../../use-cases/record-impression.js';
import type { HttpApp } from '../../http-app.js';
import { problemResponses } from '../../problem.js';
import { sdkCallerOf } from '../../sdk-auth.js';
import { clientId, deviceNotFound, deviceParams, deviceTime, label } from './sdk-schema.js';

export function recordImpressionRoute(http: HttpApp, deps: Deps): void {
  http.post(
    '/devices/:deviceId/impressions',
    {
      schema: {
        operationId: 'recordImpression',
        tags: ['SDK'],
        security: [{ sdkKey: [] }],
        summary: 'A paywall was shown: device.impression',
        params: deviceParams,
        body: z.strictObject({
          impression_id: clientId,
          paywall_id: label,
          campaign_id: label.optional(),
          variant: label.optional(),
          occurred_at: deviceTime,
        }),
        response: {
          201: z.object({ outcome: z.literal('recorded') }),
          200: z.object({ outcome: z.literal('already_recorded') }),
          ...problemResponses(400, 401, 404),
        },
      },
    },
    async (request, reply) => {
      const caller = sdkCallerOf(request);
      const body = request.body;

      const result = await recordImpression(deps, {
        caller,
        deviceId: request.params.deviceId,
        impressionId: body.impression_id,
        paywallId: body.paywall_id,
        campaignId: body.campaign_id ?? null,
        variant: body.variant ?? null,
        occurredAt: body.occurred_at ? new Date(body.occurred_at) : null,
      });

      switch (result.outcome) {
        case 'recorded':
          return reply.code(201).send({ outcome: 'recorded' as const });
        case 'already_recorded':
          return reply.code(200).send({ outcome: 'already_recorded' as const });
        case 'device_not_found':
          throw deviceNotFound(request.params.deviceId);
      }
    },
  );
}
