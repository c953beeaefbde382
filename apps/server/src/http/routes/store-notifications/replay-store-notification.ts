import type { Deps } from '../../../deps.js';
import type { StoreGateways } from '../../../intake/gateways.js';
import { reapplyNotification } from '../../../intake/reapply.js';
import { findApp } from '../../../queries/apps.js';
import { findStoreNotification } from '../../../queries/store-notifications.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { problemResponses } from '../../problem.js';
import { appNotFound } from '../apps/problems.js';
import { answerStore, intakeAnswer } from '../stores/intake-answer.js';
import { storeNotificationNotFound } from './get-store-notification.js';
import { storeNotificationParams } from './store-notification-schema.js';

export function replayStoreNotificationRoute(http: HttpApp, deps: Deps, gateways: StoreGateways): void {
  http.post(
    '/apps/:appId/store-notifications/:notificationId/replay',
    {
      schema: {
        operationId: 'replayStoreNotification',
        tags: ['Stores'],
        summary: 'Apply a kept store notification again',
        description:
          'An Apple notification is applied as it was signed; a Google one asks Play again. The engine compares with the ' +
          'purchase as it stands: nothing older overwrites anything newer, and only what differs emits events.',
        params: storeNotificationParams,
        response: { 200: intakeAnswer, ...problemResponses(400, 401, 404, 503) },
      },
    },
    async (request) => {
      const { orgId } = principalOf(request);
      const { appId, notificationId } = request.params;

      const app = await findApp(deps.db, orgId, appId);
      const row = app && (await findStoreNotification(deps.db, app.id, notificationId));
      if (!app) {
        throw appNotFound(appId);
      }
      if (!row) {
        throw storeNotificationNotFound(notificationId);
      }
      const result = await reapplyNotification(deps, gateways, row, { again: true });

      return answerStore(result);
    },
  );
}
