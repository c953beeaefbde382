import type { Deps } from '../../../deps.js';
import { findApp } from '../../../queries/apps.js';
import { findCustomer, findCustomerEvent } from '../../../queries/customers.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { problemResponses } from '../../problem.js';
import { appNotFound } from '../apps/problems.js';
import {
  customerEventParams,
  customerEventSchema,
  customerNotFound,
  eventNotFound,
  presentEvent,
} from './customer-schema.js';

export function getCustomerEventRoute(http: HttpApp, deps: Deps): void {
  http.get(
    '/apps/:appId/customers/:userId/events/:eventId',
    {
      schema: {
        operationId: 'getCustomerEvent',
        tags: ['Customers'],
        summary: 'One event of a customer, with its full payload',
        params: customerEventParams,
        response: { 200: customerEventSchema, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { orgId } = principalOf(request);
      const { appId, userId, eventId } = request.params;

      const app = await findApp(deps.db, orgId, appId);
      const user = app && (await findCustomer(deps.db, app.id, userId));
      const event = user && (await findCustomerEvent(deps.db, user.app_id, user.id, eventId));

      if (!app) {
        throw appNotFound(appId);
      }
      if (!user) {
        throw customerNotFound(userId);
      }
      if (!event) {
        throw eventNotFound(eventId);
      }
      return presentEvent(event);
    },
  );
}
