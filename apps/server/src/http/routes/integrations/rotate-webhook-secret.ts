import { z } from 'zod';
import type { Deps } from '../../../deps.js';
import { rotateWebhookSecret } from '../../../use-cases/rotate-webhook-secret.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { Problem, problemResponses } from '../../problem.js';
import { timestamp } from '../../schemas.js';
import { appNotFound } from '../apps/problems.js';
import { integrationParams } from './integration-schema.js';
import { integrationNotFound } from './problems.js';

const rotatedSecret = z
  .object({
    signing_secret: z
      .string()
      .describe('The new signing secret ("whsec_" and 32 base64 bytes), shown in this answer only'),
    previous_signing_secret_valid_until: timestamp.describe(
      'Until then each request carries a second signature, made with the secret before this one',
    ),
  })
  .meta({ id: 'RotatedWebhookSecret' });

export function rotateWebhookSecretRoute(http: HttpApp, deps: Deps): void {
  http.post(
    '/apps/:appId/integrations/:integrationId/rotate-signing-secret',
    {
      schema: {
        operationId: 'rotateWebhookSecret',
        tags: ['Integrations'],
        summary: 'Give a webhook a new signing secret; the old one keeps signing for a day',
        description:
          'For 24 hours every request carries two signatures in webhook-signature (Standard Webhooks allows ' +
          'several): one with the new secret, one with the old, so that the receiver can switch without missing ' +
          'an event. Rotating again within the day drops the older secret at once.',
        params: integrationParams,
        response: { 200: rotatedSecret, ...problemResponses(400, 401, 404, 422) },
      },
    },
    async (request) => {
      const { orgId } = principalOf(request);
      const { appId, integrationId } = request.params;

      const result = await rotateWebhookSecret(deps, { orgId, appId, integrationId });

      switch (result.outcome) {
        case 'rotated':
          return {
            signing_secret: result.signingSecret,
            previous_signing_secret_valid_until: result.previousValidUntil.toISOString(),
          };
        case 'app_not_found':
          throw appNotFound(appId);
        case 'integration_not_found':
          throw integrationNotFound(integrationId);
        case 'not_a_webhook':
          throw new Problem(422, 'not_a_webhook', 'Only a webhook has a signing secret to rotate');
      }
    },
  );
}
