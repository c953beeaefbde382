import type { Deps } from '../../../deps.js';
import { deleteCampaign } from '../../../use-cases/delete-campaign.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { problemResponses } from '../../problem.js';
import { noContent } from '../../schemas.js';
import { appNotFound } from '../apps/problems.js';
import { campaignParams } from './campaign-schema.js';
import { campaignNotFound } from './problems.js';

export function deleteCampaignRoute(http: HttpApp, deps: Deps): void {
  http.delete(
    '/apps/:appId/campaigns/:campaignId',
    {
      schema: {
        operationId: 'deleteCampaign',
        tags: ['Campaigns'],
        summary: 'Delete a campaign and its results',
        params: campaignParams,
        response: { 204: noContent, ...problemResponses(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const { orgId } = principalOf(request);
      const { appId, campaignId } = request.params;
      const result = await deleteCampaign(deps, { orgId, appId, campaignId });
      switch (result.outcome) {
        case 'deleted':
          return reply.code(204).send();
        case 'app_not_found':
          throw appNotFound(appId);
        case 'campaign_not_found':
          throw campaignNotFound(campaignId);
      }
    },
  );
}
