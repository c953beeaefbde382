import { z } from 'zod';
import type { Deps } from '../../../deps.js';
import { findApp } from '../../../queries/apps.js';
import { listCustomers } from '../../../queries/customers.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { pageOf } from '../../pagination.js';
import { problemResponses } from '../../problem.js';
import { appParams } from '../apps/app-schema.js';
import { appNotFound } from '../apps/problems.js';
import { customerFilters, filterOf, listQuery } from './customer-query.js';
import { customerSummarySchema, presentCustomerSummary } from './customer-schema.js';
import { timeKeysetPage, toTimePage } from './keyset-cursor.js';

export function listCustomersRoute(http: HttpApp, deps: Deps): void {
  http.get(
    '/apps/:appId/customers',
    {
      schema: {
        operationId: 'listCustomers',
        tags: ['Customers'],
        summary: "List an app's customers, most recently updated first",
        description:
          'Filters are optional, each at most once (a repeated one is a 400), and all apply together. ' +
          'Pages follow `(updated_at, user_id)`: walking the pages shows every customer that did not change ' +
          'meanwhile exactly once, and no customer twice; one updated during the walk moved to the front of ' +
          'the list, where a new first page shows it.',
        params: appParams,
        querystring: z.strictObject({ ...listQuery, ...customerFilters }),
        response: { 200: pageOf(customerSummarySchema), ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { orgId } = principalOf(request);
      const page = timeKeysetPage(request.query);

      const app = await findApp(deps.db, orgId, request.params.appId);
      if (!app) {
        throw appNotFound(request.params.appId);
      }
      const rows = await listCustomers(deps.db, app.id, filterOf(request.query), page);

      return toTimePage(rows, page, presentCustomerSummary);
    },
  );
}
