import { z } from 'zod';
import type { Deps } from '../../../deps.js';
import { reorderPlacement } from '../../../use-cases/reorder-placement.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { Problem, problemResponses } from '../../problem.js';
import { id } from '../../schemas.js';
import { appNotFound } from '../apps/problems.js';
import { campaignSchema, placementLabel, presentCampaign } from './campaign-schema.js';

export function reorderPlacementRoute(http: HttpApp, deps: Deps): void {
  http.put(
    '/apps/:appId/placements/:placement/order',
    {
      schema: {
        operationId: 'reorderPlacement',
        tags: ['Campaigns'],
        summary: 'Set the order a placement considers its campaigns in, first first (the default stays last)',
        params: z.strictObject({ appId: id, placement: placementLabel }),
        body: z.strictObject({
          campaign_ids: z.array(id).max(1000).describe('Every campaign of the placement but its default'),
        }),
        response: {
          200: z.object({ data: z.array(campaignSchema) }),
          ...problemResponses(400, 401, 404, 413, 415, 422),
        },
      },
    },
    async (request) => {
      const { orgId } = principalOf(request);
      const { appId, placement } = request.params;

      const result = await reorderPlacement(deps, { orgId, appId, placement, campaignIds: request.body.campaign_ids });

      switch (result.outcome) {
        case 'reordered': {
          const now = deps.now();
          return { data: result.campaigns.map((campaign) => presentCampaign(campaign, now)) };
        }
        case 'app_not_found':
          throw appNotFound(appId);
        case 'not_the_placements_campaigns':
          throw new Problem(
            422,
            'not_the_placements_campaigns',
            `List each of the placement's campaigns but its default once` +
              (result.missing.length > 0 ? `; missing: ${result.missing.join(', ')}` : '') +
              (result.unknown.length > 0 ? `; not in this placement: ${result.unknown.join(', ')}` : ''),
            [
              {
                location: 'body',
                field: 'campaign_ids',
                message: "Must name each of the placement's campaigns but its default once",
              },
            ],
          );
      }
    },
  );
}
