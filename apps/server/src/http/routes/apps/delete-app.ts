import type { Deps } from '../../../deps.js';
import { deleteApp } from '../../../use-cases/delete-app.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { Problem, problemResponses } from '../../problem.js';
import { forceQuery, noContent } from '../../schemas.js';
import { appParams } from './app-schema.js';
import { appNotFound } from './problems.js';

export function deleteAppRoute(http: HttpApp, deps: Deps): void {
  http.delete(
    '/apps/:appId',
    {
      schema: {
        operationId: 'deleteApp',
        tags: ['Apps'],
        summary: 'Delete an app',
        description:
          'Refused with 409 app_not_empty while the app has platforms, entitlements, paywalls or campaigns, unless ' +
          '`force=true`, which deletes them (and product SKUs, integrations, images) too.',
        params: appParams,
        querystring: forceQuery,
        response: { 204: noContent, ...problemResponses(400, 401, 404, 409) },
      },
    },
    async (request, reply) => {
      const { orgId } = principalOf(request);

      const result = await deleteApp(deps, {
        orgId,
        appId: request.params.appId,
        force: request.query.force ?? false,
      });

      switch (result.outcome) {
        case 'deleted':
          return reply.code(204).send();
        case 'app_not_found':
          throw appNotFound(request.params.appId);
        case 'app_not_empty':
          throw new Problem(
            409,
            'app_not_empty',
            `The app still has ${result.appPlatforms} app platform(s), ${result.entitlements} entitlement(s), ` +
              `${result.paywalls} paywall(s) and ${result.campaigns} campaign(s): ` +
              'delete them first, or pass force=true to delete them with it',
          );
        case 'app_has_customers':
          throw new Problem(
            409,
            'app_has_customers',
            'The app has customers: Tollgate does not delete customer data along with an app',
          );
      }
    },
  );
}
