import { z } from 'zod';
import type { Deps } from '../../../deps.js';
import { findApp } from '../../../queries/apps.js';
import { findCustomer, listCustomerRevenue } from '../../../queries/customers.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { pageOf } from '../../pagination.js';
import { problemResponses } from '../../problem.js';
import { appNotFound } from '../apps/problems.js';
import { listQuery } from './customer-query.js';
import { customerNotFound, customerParams, customerRevenueSchema, presentRevenue } from './customer-schema.js';
import { timeKeysetPage, toTimePage } from './keyset-cursor.js';

export function listCustomerRevenueRoute(http: HttpApp, deps: Deps): void {
  http.get(
    '/apps/:appId/customers/:userId/revenue',
    {
      schema: {
        operationId: 'listCustomerRevenue',
        tags: ['Customers'],
        summary: "A customer's revenue, newest first",
        description: 'Purchases, renewals and refunds, with amount, currency, platform and purchase environment.',
        params: customerParams,
        querystring: z.strictObject(listQuery),
        response: { 200: pageOf(customerRevenueSchema), ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { orgId } = principalOf(request);
      const { appId, userId } = request.params;
      const page = timeKeysetPage(request.query);

      const app = await findApp(deps.db, orgId, appId);
      const user = app && (await findCustomer(deps.db, app.id, userId));
      if (!app) {
        throw appNotFound(appId);
      }
      if (!user) {
        throw customerNotFound(userId);
      }
      const rows = await listCustomerRevenue(deps.db, app.id, user.id, page);

      return toTimePage(rows, page, presentRevenue);
    },
  );
}
