import { z } from 'zod';
import type { Deps } from '../../../deps.js';
import { findApp } from '../../../queries/apps.js';
import { listPaywalls } from '../../../queries/paywalls.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { pageOf, pageQuery, pageRequest, toPage } from '../../pagination.js';
import { problemResponses } from '../../problem.js';
import { appParams } from '../apps/app-schema.js';
import { appNotFound } from '../apps/problems.js';
import { paywallSchema, presentPaywall } from './paywall-schema.js';

export function listPaywallsRoute(http: HttpApp, deps: Deps): void {
  http.get(
    '/apps/:appId/paywalls',
    {
      schema: {
        operationId: 'listPaywalls',
        tags: ['Paywalls'],
        summary: "List an app's paywalls, oldest first",
        params: appParams,
        querystring: z.strictObject(pageQuery),
        response: { 200: pageOf(paywallSchema), ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { orgId } = principalOf(request);
      const page = pageRequest(request.query);

      const app = await findApp(deps.db, orgId, request.params.appId);
      if (!app) {
        throw appNotFound(request.params.appId);
      }
      return toPage(await listPaywalls(deps.db, app.id, page), page, presentPaywall);
    },
  );
}
