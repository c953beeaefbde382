import { z } from 'zod';
import type { Deps } from '../../../deps.js';
import { findApp } from '../../../queries/apps.js';
import { listEntitlements } from '../../../queries/entitlements.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { pageOf, pageQuery, pageRequest, toPage } from '../../pagination.js';
import { problemResponses } from '../../problem.js';
import { appParams } from '../apps/app-schema.js';
import { appNotFound } from '../apps/problems.js';
import { entitlementSchema, presentEntitlement } from './entitlement-schema.js';

export function listEntitlementsRoute(http: HttpApp, deps: Deps): void {
  http.get(
    '/apps/:appId/entitlements',
    {
      schema: {
        operationId: 'listEntitlements',
        tags: ['Entitlements'],
        summary: "List an app's entitlements, oldest first",
        params: appParams,
        querystring: z.strictObject(pageQuery),
        response: { 200: pageOf(entitlementSchema), ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { orgId } = principalOf(request);
      const page = pageRequest(request.query);

      const app = await findApp(deps.db, orgId, request.params.appId);
      if (!app) {
        throw appNotFound(request.params.appId);
      }
      const entitlements = await listEntitlements(deps.db, app.id, page);

      return toPage(entitlements, page, presentEntitlement);
    },
  );
}
