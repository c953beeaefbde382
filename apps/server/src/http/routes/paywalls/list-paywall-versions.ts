import { z } from 'zod';
import type { Deps } from '../../../deps.js';
import { findApp } from '../../../queries/apps.js';
import { findPaywall, listPaywallVersions } from '../../../queries/paywalls.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { problemResponses } from '../../problem.js';
import { appNotFound } from '../apps/problems.js';
import { paywallParams, paywallVersionSchema, presentPaywallVersion } from './paywall-schema.js';
import { paywallNotFound } from './problems.js';

export function listPaywallVersionsRoute(http: HttpApp, deps: Deps): void {
  http.get(
    '/apps/:appId/paywalls/:paywallId/versions',
    {
      schema: {
        operationId: 'listPaywallVersions',
        tags: ['Paywalls'],
        summary: 'Every published version of a paywall, newest first',
        params: paywallParams,
        response: { 200: z.object({ data: z.array(paywallVersionSchema) }), ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { orgId } = principalOf(request);
      const { appId, paywallId } = request.params;

      const app = await findApp(deps.db, orgId, appId);
      if (!app) {
        throw appNotFound(appId);
      }
      if (!(await findPaywall(deps.db, app.id, paywallId))) {
        throw paywallNotFound(paywallId);
      }
      const versions = await listPaywallVersions(deps.db, app.id, paywallId);
      return { data: versions.map(presentPaywallVersion) };
    },
  );
}
