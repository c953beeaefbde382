import { z } from 'zod';
import type { Deps } from '../../../deps.js';
import { listAppPlatforms } from '../../../queries/app-platforms.js';
import { findApp } from '../../../queries/apps.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { pageOf, pageQuery, pageRequest, toPage } from '../../pagination.js';
import { problemResponses } from '../../problem.js';
import { appParams } from '../apps/app-schema.js';
import { appNotFound } from '../apps/problems.js';
import { appPlatformSchema, presentAppPlatform } from './app-platform-schema.js';

export function listAppPlatformsRoute(http: HttpApp, deps: Deps): void {
  http.get(
    '/apps/:appId/platforms',
    {
      schema: {
        operationId: 'listAppPlatforms',
        tags: ['App platforms'],
        summary: "List an app's platforms, oldest first",
        params: appParams,
        querystring: z.strictObject(pageQuery),
        response: { 200: pageOf(appPlatformSchema), ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { orgId } = principalOf(request);
      const page = pageRequest(request.query);

      const app = await findApp(deps.db, orgId, request.params.appId);
      if (!app) {
        throw appNotFound(request.params.appId);
      }
      const platforms = await listAppPlatforms(deps.db, app.id, page);

      return toPage(platforms, page, (platform) => presentAppPlatform(platform, deps.publicUrl));
    },
  );
}
