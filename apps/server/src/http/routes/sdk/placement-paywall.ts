import { PAYWALL_TEMPLATES, PRODUCT_TYPES } from '@tollgate/core';
import { z } from 'zod';
import type { AnswerCache } from '../../../placements/answer-cache.js';
import { etagMatches } from '../../etag.js';
import type { HttpApp } from '../../http-app.js';
import { problemResponses } from '../../problem.js';
import { id } from '../../schemas.js';
import { sdkCallerOf } from '../../sdk-auth.js';
import { placementLabel } from '../campaigns/campaign-schema.js';
import { clientId, deviceNotFound } from './sdk-schema.js';

const TEMPLATES = Object.keys(PAYWALL_TEMPLATES) as [
  keyof typeof PAYWALL_TEMPLATES,
  ...(keyof typeof PAYWALL_TEMPLATES)[],
];

const placementPaywall = z
  .object({
    placement: z.string(),
    campaign: z
      .object({ id, name: z.string(), variant: z.string() })
      .nullable()
      .describe('Send campaign id and variant back with impressions and purchases'),
    paywall: z
      .object({
        id,
        version: z.number().int(),
        template: z.enum(TEMPLATES),
        locale: z.string().describe('The language of the copy: the device’s, or the paywall’s default'),
        title: z.string(),
        body: z.string(),
        call_to_action: z.string(),
        legal_text: z.string(),
        dismissible: z.boolean(),
        images: z.record(z.string(), z.url()).describe('Image URLs by slot'),
        products: z.array(
          z.object({
            id,
            sku_ref_id: z.string(),
            name: z.string(),
            type: z.enum(PRODUCT_TYPES),
            highlighted: z.boolean(),
          }),
        ),
      })
      .nullable()
      .describe('Null when no campaign of the placement applies to this user now'),
  })
  .meta({ id: 'PlacementPaywall' });

export function placementPaywallRoute(http: HttpApp, answers: AnswerCache): void {
  http.get(
    '/placements/:placement/paywall',
    {
      schema: {
        operationId: 'placementPaywall',
        tags: ['SDK'],
        security: [{ sdkKey: [] }],
        summary: 'The paywall to show the device’s user at a placement, with the campaign and variant that chose it',
        description:
          'Made to be called at every app start: send the ETag back as If-None-Match and an unchanged answer is a 304 with no body.',
        params: z.strictObject({ placement: placementLabel }),
        querystring: z.strictObject({ device_id: clientId.describe('The device asking') }),
        response: {
          200: placementPaywall,
          304: z.undefined().describe('The answer the device has (If-None-Match) is still the answer'),
          ...problemResponses(400, 401, 404),
        },
      },
    },
    async (request, reply) => {
      const caller = sdkCallerOf(request);
      const result = await answers.answer({
        appId: caller.app_id,
        appPlatformId: caller.id,
        store: caller.store,
        deviceId: request.query.device_id,
        placement: request.params.placement,
      });
      if (result.outcome === 'device_not_found') {
        throw deviceNotFound(request.query.device_id);
      }
      const { body, etag } = result;
      // Private: the answer is this user's. no-cache: kept, but asked again (cheaply) each time.
      reply.header('etag', etag).header('cache-control', 'private, no-cache');
      if (etagMatches(request.headers['if-none-match'], etag)) {
        return reply.code(304).send();
      }
      // Sent as the text its ETag was made of, as the zod type of the answer it is the JSON of.
      return reply.type('application/json; charset=utf-8').send(body as unknown as z.infer<typeof placementPaywall>);
    },
  );
}
