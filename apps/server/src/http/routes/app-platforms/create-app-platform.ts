import type { Deps } from '../../../deps.js';
import { createAppPlatform } from '../../../use-cases/create-app-platform.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { problemResponses } from '../../problem.js';
import { appParams } from '../apps/app-schema.js';
import { appNotFound } from '../apps/problems.js';
import { appPlatformInput, appPlatformSchema, presentAppPlatform } from './app-platform-schema.js';
import { marketplaceAppIdTaken, settingsForOtherStore } from './problems.js';

export function createAppPlatformRoute(http: HttpApp, deps: Deps): void {
  http.post(
    '/apps/:appId/platforms',
    {
      schema: {
        operationId: 'createAppPlatform',
        tags: ['App platforms'],
        summary: 'Add an app platform: where the app sells, through one store',
        params: appParams,
        body: appPlatformInput,
        response: { 201: appPlatformSchema, ...problemResponses(400, 401, 404, 409, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const { orgId } = principalOf(request);
      const { name, store, marketplace_app_id, environment, apple, google } = request.body;

      const result = await createAppPlatform(deps, {
        orgId,
        appId: request.params.appId,
        name,
        store,
        marketplaceAppId: marketplace_app_id,
        environment,
        settings: { apple, google },
      });

      switch (result.outcome) {
        case 'created':
          return reply.code(201).send(presentAppPlatform(result.appPlatform, deps.publicUrl));
        case 'app_not_found':
          throw appNotFound(request.params.appId);
        case 'marketplace_app_id_taken':
          throw marketplaceAppIdTaken();
        case 'settings_for_other_store':
          throw settingsForOtherStore(result.store);
      }
    },
  );
}
