import type { Deps } from '../../../deps.js';
import { updatePaywall } from '../../../use-cases/update-paywall.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { problemResponses } from '../../problem.js';
import { someFields } from '../../schemas.js';
import { appNotFound } from '../apps/problems.js';
import { paywallChanges, paywallParams, paywallSchema, presentPaywall } from './paywall-schema.js';
import { brokenPaywallReferences, paywallNotFound } from './problems.js';

export function updatePaywallRoute(http: HttpApp, deps: Deps): void {
  http.patch(
    '/apps/:appId/paywalls/:paywallId',
    {
      schema: {
        operationId: 'updatePaywall',
        tags: ['Paywalls'],
        summary: 'Rename a paywall or replace its draft (devices keep seeing the published version)',
        params: paywallParams,
        body: someFields(paywallChanges),
        response: { 200: paywallSchema, ...problemResponses(400, 401, 404, 413, 415, 422) },
      },
    },
    async (request) => {
      const { orgId } = principalOf(request);
      const { appId, paywallId } = request.params;

      const result = await updatePaywall(deps, { orgId, appId, paywallId, ...request.body });

      switch (result.outcome) {
        case 'updated':
          return presentPaywall(result.paywall);
        case 'app_not_found':
          throw appNotFound(appId);
        case 'paywall_not_found':
          throw paywallNotFound(paywallId);
        case 'broken_references':
          throw brokenPaywallReferences(result.broken);
      }
    },
  );
}
