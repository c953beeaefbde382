import type { Deps } from '../../../deps.js';
import type { HttpApp } from '../../http-app.js';
import { createIntegrationRoute } from './create-integration.js';
import { deleteIntegrationRoute } from './delete-integration.js';
import { getEventDeliveriesRoute } from './get-event-deliveries.js';
import { getIntegrationRoute } from './get-integration.js';
import { listDeliveriesRoute } from './list-deliveries.js';
import { listDeliveryAttemptsRoute } from './list-delivery-attempts.js';
import { listIntegrationsRoute } from './list-integrations.js';
import { replayDeliveriesRoute } from './replay-deliveries.js';
import { replayDeliveryRoute } from './replay-delivery.js';
import { resumeIntegrationRoute } from './resume-integration.js';
import { rotateWebhookSecretRoute } from './rotate-webhook-secret.js';
import { sendTestEventRoute } from './send-test-event.js';
import { updateIntegrationRoute } from './update-integration.js';

/** The integrations of an app: their set-up, test sends, delivery log and replay. */
export function integrationRoutes(http: HttpApp, deps: Deps): void {
  for (const route of [
    createIntegrationRoute,
    listIntegrationsRoute,
    getIntegrationRoute,
    updateIntegrationRoute,
    deleteIntegrationRoute,
    resumeIntegrationRoute,
    rotateWebhookSecretRoute,
    sendTestEventRoute,
    listDeliveryAttemptsRoute,
    listDeliveriesRoute,
    getEventDeliveriesRoute,
    replayDeliveryRoute,
    replayDeliveriesRoute,
  ]) {
    route(http, deps);
  }
}
