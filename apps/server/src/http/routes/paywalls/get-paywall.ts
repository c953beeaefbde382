import type { Deps } from '../../../deps.js';
import { findApp } from '../../../queries/apps.js';
import { findPaywall } from '../../../queries/paywalls.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { problemResponses } from '../../problem.js';
import { appNotFound } from '../apps/problems.js';
import { paywallParams, paywallSchema, presentPaywall } from './paywall-schema.js';
import { paywallNotFound } from './problems.js';

export function getPaywallRoute(http: HttpApp, deps: Deps): void {
  http.get(
    '/apps/:appId/paywalls/:paywallId',
    {
      schema: {
        operationId: 'getPaywall',
        tags: ['Paywalls'],
        summary: 'A paywall: its draft and what devices see now',
        params: paywallParams,
        response: { 200: paywallSchema, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { orgId } = principalOf(request);
      const { appId, paywallId } = request.params;

      const app = await findApp(deps.db, orgId, appId);
      if (!app) {
        throw appNotFound(appId);
      }
      const paywall = await findPaywall(deps.db, app.id, paywallId);
      if (!paywall) {
        throw paywallNotFound(paywallId);
      }
      return presentPaywall(paywall);
    },
  );
}
