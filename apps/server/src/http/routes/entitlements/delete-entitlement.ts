import type { Deps } from '../../../deps.js';
import { deleteEntitlement } from '../../../use-cases/delete-entitlement.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { Problem, problemResponses } from '../../problem.js';
import { forceQuery, noContent } from '../../schemas.js';
import { appNotFound } from '../apps/problems.js';
import { entitlementParams } from './entitlement-schema.js';
import { entitlementNotFound } from './problems.js';

export function deleteEntitlementRoute(http: HttpApp, deps: Deps): void {
  http.delete(
    '/apps/:appId/entitlements/:entitlementId',
    {
      schema: {
        operationId: 'deleteEntitlement',
        tags: ['Entitlements'],
        summary: 'Delete an entitlement',
        description:
          'Refused with 409 entitlement_in_use while a product SKU grants it, unless `force=true`, ' +
          'which also takes it away from those SKUs.',
        params: entitlementParams,
        querystring: forceQuery,
        response: { 204: noContent, ...problemResponses(400, 401, 404, 409) },
      },
    },
    async (request, reply) => {
      const { orgId } = principalOf(request);
      const { appId, entitlementId } = request.params;

      const result = await deleteEntitlement(deps, {
        orgId,
        appId,
        entitlementId,
        force: request.query.force ?? false,
      });

      switch (result.outcome) {
        case 'deleted':
          return reply.code(204).send();
        case 'app_not_found':
          throw appNotFound(appId);
        case 'entitlement_not_found':
          throw entitlementNotFound(entitlementId);
        case 'entitlement_in_use':
          throw new Problem(
            409,
            'entitlement_in_use',
            `Product SKU(s) ${result.skuRefIds.join(', ')} grant this entitlement: ` +
              'change them first, or pass force=true to take it away from them',
          );
      }
    },
  );
}
