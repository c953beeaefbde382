import type { Deps } from '../../../deps.js';
import { findApp } from '../../../queries/apps.js';
import { findEntitlement } from '../../../queries/entitlements.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { problemResponses } from '../../problem.js';
import { appNotFound } from '../apps/problems.js';
import { entitlementParams, entitlementSchema, presentEntitlement } from './entitlement-schema.js';
import { entitlementNotFound } from './problems.js';

export function getEntitlementRoute(http: HttpApp, deps: Deps): void {
  http.get(
    '/apps/:appId/entitlements/:entitlementId',
    {
      schema: {
        operationId: 'getEntitlement',
        tags: ['Entitlements'],
        summary: 'Get an entitlement',
        params: entitlementParams,
        response: { 200: entitlementSchema, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { orgId } = principalOf(request);
      const { appId, entitlementId } = request.params;

      const app = await findApp(deps.db, orgId, appId);
      const entitlement = app && (await findEntitlement(deps.db, app.id, entitlementId));

      if (!app) {
        throw appNotFound(appId);
      }
      if (!entitlement) {
        throw entitlementNotFound(entitlementId);
      }
      return presentEntitlement(entitlement);
    },
  );
}
