import type { Deps } from '../../../deps.js';
import { updateAppPlatform } from '../../../use-cases/update-app-platform.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { problemResponses } from '../../problem.js';
import { someFields } from '../../schemas.js';
import { appNotFound } from '../apps/problems.js';
import { appPlatformChanges, appPlatformParams, appPlatformSchema, presentAppPlatform } from './app-platform-schema.js';
import { appPlatformNotFound, marketplaceAppIdTaken, settingsForOtherStore } from './problems.js';

export function updateAppPlatformRoute(http: HttpApp, deps: Deps): void {
  http.patch(
    '/apps/:appId/platforms/:appPlatformId',
    {
      schema: {
        operationId: 'updateAppPlatform',
        tags: ['App platforms'],
        summary: 'Change an app platform (its store cannot change)',
        params: appPlatformParams,
        body: someFields(appPlatformChanges),
        response: { 200: appPlatformSchema, ...problemResponses(400, 401, 404, 409, 413, 415, 422) },
      },
    },
    async (request) => {
      const { orgId } = principalOf(request);
      const { appId, appPlatformId } = request.params;

      const result = await updateAppPlatform(deps, { orgId, appId, appPlatformId, changes: request.body });

      switch (result.outcome) {
        case 'updated':
          return presentAppPlatform(result.appPlatform, deps.publicUrl);
        case 'app_not_found':
          throw appNotFound(appId);
        case 'app_platform_not_found':
          throw appPlatformNotFound(appPlatformId);
        case 'marketplace_app_id_taken':
          throw marketplaceAppIdTaken();
        case 'settings_for_other_store':
          throw settingsForOtherStore(result.store);
      }
    },
  );
}
