import { z } from 'zod';
import type { Deps } from '../../../deps.js';
import { findApp } from '../../../queries/apps.js';
import { listCampaigns } from '../../../queries/campaigns.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { problemResponses } from '../../problem.js';
import { appParams } from '../apps/app-schema.js';
import { appNotFound } from '../apps/problems.js';
import { campaignSchema, placementLabel, presentCampaign } from './campaign-schema.js';

export function listCampaignsRoute(http: HttpApp, deps: Deps): void {
  http.get(
    '/apps/:appId/campaigns',
    {
      schema: {
        operationId: 'listCampaigns',
        tags: ['Campaigns'],
        summary: "An app's campaigns in the order placements consider them: by placement, priority, the default last",
        params: appParams,
        querystring: z.strictObject({
          placement: placementLabel.optional().describe('Only this placement’s campaigns'),
        }),
        response: { 200: z.object({ data: z.array(campaignSchema) }), ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { orgId } = principalOf(request);
      const app = await findApp(deps.db, orgId, request.params.appId);
      if (!app) {
        throw appNotFound(request.params.appId);
      }
      const now = deps.now();
      const campaigns = await listCampaigns(deps.db, app.id, { placement: request.query.placement });
      return { data: campaigns.map((campaign) => presentCampaign(campaign, now)) };
    },
  );
}
