import type { Deps } from '../../../deps.js';
import { deleteAppPlatform } from '../../../use-cases/delete-app-platform.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { Problem, problemResponses } from '../../problem.js';
import { forceQuery, noContent } from '../../schemas.js';
import { appNotFound } from '../apps/problems.js';
import { appPlatformParams } from './app-platform-schema.js';
import { appPlatformNotFound } from './problems.js';

export function deleteAppPlatformRoute(http: HttpApp, deps: Deps): void {
  http.delete(
    '/apps/:appId/platforms/:appPlatformId',
    {
      schema: {
        operationId: 'deleteAppPlatform',
        tags: ['App platforms'],
        summary: 'Delete an app platform',
        description:
          'Refused with 409 app_platform_in_use while the platform has product SKUs, unless `force=true`, which deletes them too; ' +
          'with 409 app_platform_has_integrations while mParticle feeds serve it (delete or move them first: `force` does not).',
        params: appPlatformParams,
        querystring: forceQuery,
        response: { 204: noContent, ...problemResponses(400, 401, 404, 409) },
      },
    },
    async (request, reply) => {
      const { orgId } = principalOf(request);
      const { appId, appPlatformId } = request.params;

      const result = await deleteAppPlatform(deps, {
        orgId,
        appId,
        appPlatformId,
        force: request.query.force ?? false,
      });

      switch (result.outcome) {
        case 'deleted':
          return reply.code(204).send();
        case 'app_not_found':
          throw appNotFound(appId);
        case 'app_platform_not_found':
          throw appPlatformNotFound(appPlatformId);
        case 'app_platform_in_use':
          throw new Problem(
            409,
            'app_platform_in_use',
            `The platform sells ${result.skuRefIds.length} product SKU(s) (${result.skuRefIds.join(', ')}): ` +
              'delete them first, or pass force=true to delete them with it',
          );
        case 'app_platform_has_customers':
          throw new Problem(
            409,
            'app_platform_has_customers',
            'The platform has devices, purchases or store notifications: Tollgate does not delete customer data',
          );
        case 'app_platform_has_integrations':
          throw new Problem(
            409,
            'app_platform_has_integrations',
            `mParticle feed(s) ${result.integrationNames.map((name) => JSON.stringify(name)).join(', ')} serve ` +
              'this platform: delete them, or move them to another platform, first',
          );
      }
    },
  );
}
