import type { Deps } from '../../../deps.js';
import { createCampaign } from '../../../use-cases/create-campaign.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { problemResponses } from '../../problem.js';
import { appParams } from '../apps/app-schema.js';
import { appNotFound } from '../apps/problems.js';
import { campaignFromBody, campaignInput, campaignSchema, presentCampaign } from './campaign-schema.js';
import { defaultTaken, unknownPaywalls } from './problems.js';

export function createCampaignRoute(http: HttpApp, deps: Deps): void {
  http.post(
    '/apps/:appId/campaigns',
    {
      schema: {
        operationId: 'createCampaign',
        tags: ['Campaigns'],
        summary: 'Create a campaign: which paywall (or A/B test of paywalls) a placement shows, to whom, when',
        params: appParams,
        body: campaignInput,
        response: { 201: campaignSchema, ...problemResponses(400, 401, 404, 409, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const { orgId } = principalOf(request);
      const { appId } = request.params;

      const result = await createCampaign(deps, { orgId, appId, campaign: campaignFromBody(request.body) });

      switch (result.outcome) {
        case 'created':
          return reply.code(201).send(presentCampaign(result.campaign, deps.now()));
        case 'app_not_found':
          throw appNotFound(appId);
        case 'broken_references':
          throw unknownPaywalls(result.broken);
        case 'default_taken':
          throw defaultTaken();
      }
    },
  );
}
