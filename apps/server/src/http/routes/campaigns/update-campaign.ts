import type { Deps } from '../../../deps.js';
import { updateCampaign } from '../../../use-cases/update-campaign.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { Problem, problemResponses } from '../../problem.js';
import { appNotFound } from '../apps/problems.js';
import {
  campaignChanges,
  campaignParams,
  campaignSchema,
  changesFromBody,
  presentCampaign,
} from './campaign-schema.js';
import { campaignNotFound, defaultTaken, unknownPaywalls } from './problems.js';

export function updateCampaignRoute(http: HttpApp, deps: Deps): void {
  http.patch(
    '/apps/:appId/campaigns/:campaignId',
    {
      schema: {
        operationId: 'updateCampaign',
        tags: ['Campaigns'],
        summary: 'Change a campaign: pause or resume it, its schedule, audience, variants and weights',
        description:
          'New weights move as few users as possible between variants: see docs/paywalls.md. Devices see the change at once.',
        params: campaignParams,
        body: campaignChanges,
        response: { 200: campaignSchema, ...problemResponses(400, 401, 404, 409, 413, 415, 422) },
      },
    },
    async (request) => {
      const { orgId } = principalOf(request);
      const { appId, campaignId } = request.params;

      const result = await updateCampaign(deps, { orgId, appId, campaignId, changes: changesFromBody(request.body) });

      switch (result.outcome) {
        case 'updated':
          return presentCampaign(result.campaign, deps.now());
        case 'app_not_found':
          throw appNotFound(appId);
        case 'campaign_not_found':
          throw campaignNotFound(campaignId);
        case 'broken_references':
          throw unknownPaywalls(result.broken);
        case 'default_taken':
          throw defaultTaken();
        case 'invalid':
          throw new Problem(400, 'validation_failed', result.message, [
            { location: 'body', field: result.field, message: result.message },
          ]);
      }
    },
  );
}
