import type { Deps } from '../../../deps.js';
import { createPaywall } from '../../../use-cases/create-paywall.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { problemResponses } from '../../problem.js';
import { appParams } from '../apps/app-schema.js';
import { appNotFound } from '../apps/problems.js';
import { paywallInput, paywallSchema, presentPaywall } from './paywall-schema.js';
import { brokenPaywallReferences } from './problems.js';

export function createPaywallRoute(http: HttpApp, deps: Deps): void {
  http.post(
    '/apps/:appId/paywalls',
    {
      schema: {
        operationId: 'createPaywall',
        tags: ['Paywalls'],
        summary: 'Create a paywall as a draft: devices see it only once it is published',
        params: appParams,
        body: paywallInput,
        response: { 201: paywallSchema, ...problemResponses(400, 401, 404, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const { orgId } = principalOf(request);
      const { name, content } = request.body;

      const result = await createPaywall(deps, { orgId, appId: request.params.appId, name, content });

      switch (result.outcome) {
        case 'created':
          return reply.code(201).send(presentPaywall(result.paywall));
        case 'app_not_found':
          throw appNotFound(request.params.appId);
        case 'broken_references':
          throw brokenPaywallReferences(result.broken);
      }
    },
  );
}
