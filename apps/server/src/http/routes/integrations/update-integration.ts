import type { Deps } from '../../../deps.js';
import { updateIntegration } from '../../../use-cases/update-integration.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { problemResponses } from '../../problem.js';
import { someFields } from '../../schemas.js';
import { appNotFound } from '../apps/problems.js';
import { integrationOf } from './integration-of.js';
import {
  integrationChanges,
  integrationChangesOf,
  integrationParams,
  integrationSchema,
  presentIntegration,
} from './integration-schema.js';
import {
  appPlatformForLegacyFeed,
  appPlatformRequired,
  integrationNotFound,
  invalidForKind,
  mparticleFeedExists,
  unknownAppPlatform,
} from './problems.js';

export function updateIntegrationRoute(http: HttpApp, deps: Deps): void {
  http.patch(
    '/apps/:appId/integrations/:integrationId',
    {
      schema: {
        operationId: 'updateIntegration',
        tags: ['Integrations'],
        summary: 'Change an integration (its kind cannot change)',
        description:
          "Send the fields to change, of the integration's own kind. A secret given replaces the stored one; " +
          "one left out is kept. A webhook's signing secret cannot be set.",
        params: integrationParams,
        body: someFields(integrationChanges),
        response: { 200: integrationSchema, ...problemResponses(400, 401, 404, 409, 413, 415, 422) },
      },
    },
    async (request) => {
      const { orgId } = principalOf(request);
      const { appId, integrationId } = request.params;

      // The kind decides which fields the body may hold; it never changes, so this read is enough.
      const current = await integrationOf(deps, { orgId }, request.params);
      const parsed = integrationChangesOf[current.kind].safeParse(request.body);
      if (!parsed.success) {
        throw invalidForKind(current.kind, parsed.error);
      }

      const result = await updateIntegration(deps, {
        orgId,
        appId,
        integrationId,
        changes: { kind: current.kind, ...parsed.data },
      });

      switch (result.outcome) {
        case 'updated':
          return presentIntegration(result.integration);
        case 'app_not_found':
          throw appNotFound(appId);
        case 'integration_not_found':
          throw integrationNotFound(integrationId);
        case 'unknown_app_platform':
          throw unknownAppPlatform();
        case 'app_platform_required':
          throw appPlatformRequired();
        case 'app_platform_for_legacy_feed':
          throw appPlatformForLegacyFeed();
        case 'mparticle_feed_exists':
          throw mparticleFeedExists(result.legacy);
      }
    },
  );
}
