import type { Deps } from '../../../deps.js';
import { createEntitlement } from '../../../use-cases/create-entitlement.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { problemResponses } from '../../problem.js';
import { appParams } from '../apps/app-schema.js';
import { appNotFound } from '../apps/problems.js';
import { entitlementInput, entitlementSchema, presentEntitlement } from './entitlement-schema.js';
import { entitlementRefIdTaken } from './problems.js';

export function createEntitlementRoute(http: HttpApp, deps: Deps): void {
  http.post(
    '/apps/:appId/entitlements',
    {
      schema: {
        operationId: 'createEntitlement',
        tags: ['Entitlements'],
        summary: 'Create an entitlement: access that product SKUs grant',
        params: appParams,
        body: entitlementInput,
        response: { 201: entitlementSchema, ...problemResponses(400, 401, 404, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const { orgId } = principalOf(request);
      const { entitlement_ref_id, name, description } = request.body;

      const result = await createEntitlement(deps, {
        orgId,
        appId: request.params.appId,
        entitlementRefId: entitlement_ref_id,
        name,
        description,
      });

      switch (result.outcome) {
        case 'created':
          return reply.code(201).send(presentEntitlement(result.entitlement));
        case 'app_not_found':
          throw appNotFound(request.params.appId);
        case 'entitlement_ref_id_taken':
          throw entitlementRefIdTaken();
      }
    },
  );
}
