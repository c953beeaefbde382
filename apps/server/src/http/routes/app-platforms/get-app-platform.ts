import type { Deps } from '../../../deps.js';
import { findAppPlatform } from '../../../queries/app-platforms.js';
import { findApp } from '../../../queries/apps.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { problemResponses } from '../../problem.js';
import { appNotFound } from '../apps/problems.js';
import { appPlatformParams, appPlatformSchema, presentAppPlatform } from './app-platform-schema.js';
import { appPlatformNotFound } from './problems.js';

export function getAppPlatformRoute(http: HttpApp, deps: Deps): void {
  http.get(
    '/apps/:appId/platforms/:appPlatformId',
    {
      schema: {
        operationId: 'getAppPlatform',
        tags: ['App platforms'],
        summary: 'Get an app platform',
        params: appPlatformParams,
        response: { 200: appPlatformSchema, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { orgId } = principalOf(request);
      const { appId, appPlatformId } = request.params;

      const app = await findApp(deps.db, orgId, appId);
      const platform = app && (await findAppPlatform(deps.db, app.id, appPlatformId));

      if (!app) {
        throw appNotFound(appId);
      }
      if (!platform) {
        throw appPlatformNotFound(appPlatformId);
      }
      return presentAppPlatform(platform, deps.publicUrl);
    },
  );
}
