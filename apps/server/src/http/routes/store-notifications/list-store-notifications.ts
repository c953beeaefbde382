import { z } from 'zod';
import type { Deps } from '../../../deps.js';
import { findApp } from '../../../queries/apps.js';
import { listStoreNotifications } from '../../../queries/store-notifications.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { pageOf, pageQuery, pageRequest, toPage } from '../../pagination.js';
import { problemResponses } from '../../problem.js';
import { appParams } from '../apps/app-schema.js';
import { appNotFound } from '../apps/problems.js';
import {
  presentStoreNotification,
  STORE_NOTIFICATION_STATUSES,
  storeNotificationSchema,
} from './store-notification-schema.js';

export function listStoreNotificationsRoute(http: HttpApp, deps: Deps): void {
  http.get(
    '/apps/:appId/store-notifications',
    {
      schema: {
        operationId: 'listStoreNotifications',
        tags: ['Stores'],
        summary: 'The store notifications Tollgate verified and kept, newest first',
        params: appParams,
        querystring: z.strictObject({ ...pageQuery, status: z.enum(STORE_NOTIFICATION_STATUSES).optional() }),
        response: { 200: pageOf(storeNotificationSchema), ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { orgId } = principalOf(request);
      const page = pageRequest(request.query, 'newest_first');

      const app = await findApp(deps.db, orgId, request.params.appId);
      if (!app) {
        throw appNotFound(request.params.appId);
      }
      const rows = await listStoreNotifications(deps.db, app.id, { status: request.query.status }, page);

      return toPage(rows, page, presentStoreNotification);
    },
  );
}
