import { z } from 'zod';
import type { Deps } from '../../../deps.js';
import { findApp } from '../../../queries/apps.js';
import { findStoreNotification } from '../../../queries/store-notifications.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { Problem, problemResponses } from '../../problem.js';
import { appNotFound } from '../apps/problems.js';
import {
  presentStoreNotification,
  storeNotificationParams,
  storeNotificationSchema,
} from './store-notification-schema.js';

export function storeNotificationNotFound(notificationId: string): Problem {
  return new Problem(404, 'store_notification_not_found', `The app has no store notification ${notificationId}`);
}

export function getStoreNotificationRoute(http: HttpApp, deps: Deps): void {
  http.get(
    '/apps/:appId/store-notifications/:notificationId',
    {
      schema: {
        operationId: 'getStoreNotification',
        tags: ['Stores'],
        summary: 'One store notification, with the body as received and what verification decoded from it',
        params: storeNotificationParams,
        response: {
          200: storeNotificationSchema.extend({ body: z.string(), decoded: z.unknown() }),
          ...problemResponses(400, 401, 404),
        },
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
      return { ...presentStoreNotification(row), body: row.body, decoded: row.decoded };
    },
  );
}
