import { z } from 'zod';
import type { Deps } from '../../../deps.js';
import { findApp } from '../../../queries/apps.js';
import { findCustomer, listCustomerEvents } from '../../../queries/customers.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { pageOf, pageRequest, toPage } from '../../pagination.js';
import { problemResponses } from '../../problem.js';
import { appNotFound } from '../apps/problems.js';
import { listQuery } from './customer-query.js';
import { customerEventSchema, customerNotFound, customerParams, presentEvent } from './customer-schema.js';

export function listCustomerEventsRoute(http: HttpApp, deps: Deps): void {
  http.get(
    '/apps/:appId/customers/:userId/events',
    {
      schema: {
        operationId: 'listCustomerEvents',
        tags: ['Customers'],
        summary: "A customer's events, newest first, each with its full payload",
        params: customerParams,
        querystring: z.strictObject(listQuery),
        response: { 200: pageOf(customerEventSchema), ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { orgId } = principalOf(request);
      const { appId, userId } = request.params;
      const page = pageRequest(request.query, 'newest_first');

      const app = await findApp(deps.db, orgId, appId);
      const user = app && (await findCustomer(deps.db, app.id, userId));
      if (!app) {
        throw appNotFound(appId);
      }
      if (!user) {
        throw customerNotFound(userId);
      }
      const rows = await listCustomerEvents(deps.db, app.id, user.id, page);

      return toPage(rows, page, presentEvent);
    },
  );
}
