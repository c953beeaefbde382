import type { Deps } from '../../../deps.js';
import { findApp } from '../../../queries/apps.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { problemResponses } from '../../problem.js';
import { appParams, appSchema, presentApp } from './app-schema.js';
import { appNotFound } from './problems.js';

export function getAppRoute(http: HttpApp, deps: Deps): void {
  http.get(
    '/apps/:appId',
    {
      schema: {
        operationId: 'getApp',
        tags: ['Apps'],
        summary: 'Get an app',
        params: appParams,
        response: { 200: appSchema, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { orgId } = principalOf(request);

      const app = await findApp(deps.db, orgId, request.params.appId);

      if (!app) {
        throw appNotFound(request.params.appId);
      }
      return presentApp(app);
    },
  );
}
