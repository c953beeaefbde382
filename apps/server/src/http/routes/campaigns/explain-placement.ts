import { JOURNEY_FLAGS, STORE_PLATFORMS } from '@tollgate/core';
import { z } from 'zod';
import type { Deps } from '../../../deps.js';
import type { ResolvePlacement } from '../../../placements/resolve-placement.js';
import { findApp } from '../../../queries/apps.js';
import { deviceOfApp } from '../../../queries/placement-facts.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { Problem, problemResponses } from '../../problem.js';
import { id, timestamp } from '../../schemas.js';
import { appNotFound } from '../apps/problems.js';
import { placementLabel } from './campaign-schema.js';

const explanation = z
  .object({
    placement: z.string(),
    user_id: id,
    device_id: id,
    facts: z
      .object({
        journey_state: z.object(Object.fromEntries(JOURNEY_FLAGS.map((flag) => [flag, z.boolean()]))),
        active_entitlements: z.array(z.string()),
        platform: z.enum(STORE_PLATFORMS),
        country: z.string().nullable(),
        language: z.string().nullable(),
        app_version: z.string().nullable(),
        first_seen_at: timestamp.nullable(),
        session_count: z.number().int(),
      })
      .describe('What the rules were checked against'),
    chosen: z.object({ campaign_id: id, variant: z.string() }).nullable(),
    campaigns: z
      .array(
        z.object({
          campaign_id: id,
          name: z.string(),
          priority: z.number().int(),
          is_default: z.boolean(),
          outcome: z.enum(['chosen', 'paused', 'not_started', 'ended', 'audience_mismatch', 'outranked', 'not_needed']),
          audience: z
            .unknown()
            .optional()
            .describe('The audience tree, each condition with the actual value and whether it held'),
        }),
      )
      .describe('Every campaign of the placement, in the order they were considered'),
  })
  .meta({ id: 'PlacementExplanation' });

export function explainPlacementRoute(http: HttpApp, deps: Deps, resolvePlacement: ResolvePlacement): void {
  http.get(
    '/apps/:appId/placements/:placement/explain',
    {
      schema: {
        operationId: 'explainPlacement',
        tags: ['Campaigns'],
        summary: 'Why a device’s user is shown what they are shown at a placement: each campaign’s outcome and why',
        params: z.strictObject({ appId: id, placement: placementLabel }),
        querystring: z.strictObject({
          device_id: id.describe('One of the user’s devices: its platform, language, country… count'),
        }),
        response: { 200: explanation, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { orgId } = principalOf(request);
      const { appId, placement } = request.params;
      const app = await findApp(deps.db, orgId, appId);
      if (!app) {
        throw appNotFound(appId);
      }
      const device = await deviceOfApp(deps.db, app.id, request.query.device_id);
      const result =
        device &&
        (await resolvePlacement({
          appId: app.id,
          appPlatformId: device.app_platform_id,
          store: device.store,
          deviceId: request.query.device_id,
          placement,
        }));
      if (!result || result.outcome === 'device_not_found') {
        throw new Problem(404, 'device_not_found', `The app has no device ${request.query.device_id}`);
      }
      const { facts, choice } = result;
      return {
        placement,
        user_id: result.userId,
        device_id: request.query.device_id,
        facts: {
          journey_state: { ...facts.journeyState },
          active_entitlements: [...facts.activeEntitlements],
          platform: facts.platform,
          country: facts.country,
          language: facts.language,
          app_version: facts.appVersion,
          first_seen_at: facts.firstSeenAt?.toISOString() ?? null,
          session_count: facts.sessionCount,
        },
        chosen: choice.chosen && { campaign_id: choice.chosen.campaignId, variant: choice.chosen.variant },
        campaigns: choice.considered.map((consideration) => ({
          campaign_id: consideration.campaignId,
          name: consideration.name,
          priority: consideration.priority,
          is_default: consideration.isDefault,
          outcome: consideration.outcome,
          ...(consideration.audience === undefined ? {} : { audience: consideration.audience }),
        })),
      };
    },
  );
}
