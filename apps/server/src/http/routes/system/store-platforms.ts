import { STORE_PLATFORM_INFO, STORE_PLATFORMS } from '@tollgate/core';
import { z } from 'zod';
import type { HttpApp } from '../../http-app.js';
import { problemResponses } from '../../problem.js';

const storePlatformSchema = z
  .object({
    id: z.enum(STORE_PLATFORMS),
    name: z.string(),
    marketplace_id_label: z.string().describe('What the store calls the id an app platform is known by'),
  })
  .meta({ id: 'StorePlatform' });

export function listStorePlatformsRoute(http: HttpApp): void {
  http.get(
    '/store-platforms',
    {
      schema: {
        operationId: 'listStorePlatforms',
        tags: ['App platforms'],
        summary: 'The stores an app platform can sell through',
        response: { 200: z.object({ data: z.array(storePlatformSchema) }), ...problemResponses(401) },
      },
    },
    async () => ({
      data: STORE_PLATFORMS.map((id) => ({
        id,
        name: STORE_PLATFORM_INFO[id].name,
        marketplace_id_label: STORE_PLATFORM_INFO[id].marketplaceIdLabel,
      })),
    }),
  );
}
