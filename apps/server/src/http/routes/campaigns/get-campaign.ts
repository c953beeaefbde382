import type { Deps } from '../../../deps.js';
import { findApp } from '../../../queries/apps.js';
import { findCampaign } from '../../../queries/campaigns.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { problemResponses } from '../../problem.js';
import { appNotFound } from '../apps/problems.js';
import { campaignParams, campaignSchema, presentCampaign } from './campaign-schema.js';
import { campaignNotFound } from './problems.js';

export function getCampaignRoute(http: HttpApp, deps: Deps): void {
  http.get(
    '/apps/:appId/campaigns/:campaignId',
    {
      schema: {
        operationId: 'getCampaign',
        tags: ['Campaigns'],
        summary: 'A campaign',
        params: campaignParams,
        response: { 200: campaignSchema, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { orgId } = principalOf(request);
      const { appId, campaignId } = request.params;
      const app = await findApp(deps.db, orgId, appId);
      if (!app) {
        throw appNotFound(appId);
      }
      const campaign = await findCampaign(deps.db, app.id, campaignId);
      if (!campaign) {
        throw campaignNotFound(campaignId);
      }
      return presentCampaign(campaign, deps.now());
    },
  );
}
