import type { Deps } from '../../../deps.js';
import { updateApp } from '../../../use-cases/update-app.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { problemResponses } from '../../problem.js';
import { someFields } from '../../schemas.js';
import { appInput, appParams, appSchema, presentApp } from './app-schema.js';
import { appNotFound } from './problems.js';

export function updateAppRoute(http: HttpApp, deps: Deps): void {
  http.patch(
    '/apps/:appId',
    {
      schema: {
        operationId: 'updateApp',
        tags: ['Apps'],
        summary: 'Change an app',
        params: appParams,
        body: someFields(appInput.partial()),
        response: { 200: appSchema, ...problemResponses(400, 401, 404, 413, 415) },
      },
    },
    async (request) => {
      const { orgId } = principalOf(request);

      const result = await updateApp(deps, { orgId, appId: request.params.appId, changes: request.body });

      switch (result.outcome) {
        case 'updated':
          return presentApp(result.app);
        case 'app_not_found':
          throw appNotFound(request.params.appId);
      }
    },
  );
}
