import type { Deps } from '../../../deps.js';
import { updateEntitlement } from '../../../use-cases/update-entitlement.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { problemResponses } from '../../problem.js';
import { someFields } from '../../schemas.js';
import { appNotFound } from '../apps/problems.js';
import { entitlementChanges, entitlementParams, entitlementSchema, presentEntitlement } from './entitlement-schema.js';
import { entitlementNotFound, entitlementRefIdTaken } from './problems.js';

export function updateEntitlementRoute(http: HttpApp, deps: Deps): void {
  http.patch(
    '/apps/:appId/entitlements/:entitlementId',
    {
      schema: {
        operationId: 'updateEntitlement',
        tags: ['Entitlements'],
        summary: 'Change an entitlement',
        params: entitlementParams,
        body: someFields(entitlementChanges),
        response: { 200: entitlementSchema, ...problemResponses(400, 401, 404, 409, 413, 415) },
      },
    },
    async (request) => {
      const { orgId } = principalOf(request);
      const { appId, entitlementId } = request.params;

      const result = await updateEntitlement(deps, { orgId, appId, entitlementId, changes: request.body });

      switch (result.outcome) {
        case 'updated':
          return presentEntitlement(result.entitlement);
        case 'app_not_found':
          throw appNotFound(appId);
        case 'entitlement_not_found':
          throw entitlementNotFound(entitlementId);
        case 'entitlement_ref_id_taken':
          throw entitlementRefIdTaken();
      }
    },
  );
}
