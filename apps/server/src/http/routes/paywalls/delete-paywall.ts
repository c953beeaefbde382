import type { Deps } from '../../../deps.js';
import { deletePaywall } from '../../../use-cases/delete-paywall.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { problemResponses } from '../../problem.js';
import { noContent } from '../../schemas.js';
import { appNotFound } from '../apps/problems.js';
import { paywallParams } from './paywall-schema.js';
import { paywallInUse, paywallNotFound } from './problems.js';

export function deletePaywallRoute(http: HttpApp, deps: Deps): void {
  http.delete(
    '/apps/:appId/paywalls/:paywallId',
    {
      schema: {
        operationId: 'deletePaywall',
        tags: ['Paywalls'],
        summary: 'Delete a paywall and its versions (refused while a campaign shows it)',
        params: paywallParams,
        response: { 204: noContent, ...problemResponses(400, 401, 404, 409) },
      },
    },
    async (request, reply) => {
      const { orgId } = principalOf(request);
      const { appId, paywallId } = request.params;

      const result = await deletePaywall(deps, { orgId, appId, paywallId });

      switch (result.outcome) {
        case 'deleted':
          return reply.code(204).send();
        case 'app_not_found':
          throw appNotFound(appId);
        case 'paywall_not_found':
          throw paywallNotFound(paywallId);
        case 'in_use':
          throw paywallInUse(result.campaigns);
      }
    },
  );
}
