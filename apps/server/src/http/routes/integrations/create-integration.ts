import type { z } from 'zod';
import type { Deps } from '../../../deps.js';
import { createIntegration, type IntegrationSetup } from '../../../use-cases/create-integration.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { problemResponses } from '../../problem.js';
import { appParams } from '../apps/app-schema.js';
import { appNotFound } from '../apps/problems.js';
import { createdIntegrationSchema, integrationInput, presentIntegration } from './integration-schema.js';
import { amplitudeIntegrationExists, mparticleFeedExists, unknownAppPlatform } from './problems.js';

export function createIntegrationRoute(http: HttpApp, deps: Deps): void {
  http.post(
    '/apps/:appId/integrations',
    {
      schema: {
        operationId: 'createIntegration',
        tags: ['Integrations'],
        summary: 'Add an integration: Amplitude (one per app), an mParticle feed (one per platform) or a webhook',
        description:
          'The body depends on `kind`. Secrets (API keys, feed keys, the authorization value) are write-only: ' +
          "answers show their last characters at most. A webhook's signing secret is made by Tollgate and shown " +
          'whole in this answer only, as `signing_secret`. An mParticle feed in the `all_platforms` mode is the ' +
          'legacy set-up: accepted and marked `legacy`, but it should not be used for new feeds.',
        params: appParams,
        body: integrationInput,
        response: { 201: createdIntegrationSchema, ...problemResponses(400, 401, 404, 409, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const { orgId } = principalOf(request);
      const { name, enabled, event_types } = request.body;

      const result = await createIntegration(deps, {
        orgId,
        appId: request.params.appId,
        name,
        enabled,
        eventTypes: event_types,
        setup: setupOf(request.body),
      });

      switch (result.outcome) {
        case 'created':
          return reply
            .code(201)
            .send({ ...presentIntegration(result.integration), signing_secret: result.signingSecret });
        case 'app_not_found':
          throw appNotFound(request.params.appId);
        case 'unknown_app_platform':
          throw unknownAppPlatform();
        case 'amplitude_integration_exists':
          throw amplitudeIntegrationExists();
        case 'mparticle_feed_exists':
          throw mparticleFeedExists(result.legacy);
      }
    },
  );
}

function setupOf(body: z.infer<typeof integrationInput>): IntegrationSetup {
  switch (body.kind) {
    case 'amplitude':
      return {
        kind: 'amplitude',
        settings: { endpoint: body.endpoint, user_id: body.user_id },
        secrets: { api_key: body.api_key, secret_key: body.secret_key ?? null },
      };
    case 'mparticle':
      return {
        kind: 'mparticle',
        appPlatformId: body.mode === 'selected_platform' ? (body.app_platform_id ?? null) : null,
        settings: { base_url: body.base_url, customer_id: body.customer_id, mode: body.mode },
        secrets: { key: body.key, secret: body.secret },
      };
    case 'webhook':
      return { kind: 'webhook', settings: { url: body.url }, secrets: { authorization: body.authorization ?? null } };
  }
}
