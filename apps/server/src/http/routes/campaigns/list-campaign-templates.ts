import { CAMPAIGN_TEMPLATES } from '@tollgate/core';
import { z } from 'zod';
import type { HttpApp } from '../../http-app.js';
import { problemResponses } from '../../problem.js';

export function listCampaignTemplatesRoute(http: HttpApp): void {
  http.get(
    '/campaign-templates',
    {
      schema: {
        operationId: 'listCampaignTemplates',
        tags: ['Campaigns'],
        summary: 'Starting points for common campaigns: pass a key as `template` when creating one',
        response: {
          200: z.object({
            data: z.array(
              z.object({
                key: z.string(),
                name: z.string(),
                description: z.string(),
                placement: z.string(),
                audience: z.unknown(),
              }),
            ),
          }),
          ...problemResponses(401),
        },
      },
    },
    async () => ({ data: [...CAMPAIGN_TEMPLATES] }),
  );
}
