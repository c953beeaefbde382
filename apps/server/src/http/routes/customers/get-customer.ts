import type { Deps } from '../../../deps.js';
import { findApp } from '../../../queries/apps.js';
import { readCustomerDetail } from '../../../queries/customer-detail.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { problemResponses } from '../../problem.js';
import { appNotFound } from '../apps/problems.js';
import { customerDetailSchema, customerNotFound, customerParams, presentCustomerDetail } from './customer-schema.js';

export function getCustomerRoute(http: HttpApp, deps: Deps): void {
  http.get(
    '/apps/:appId/customers/:userId',
    {
      schema: {
        operationId: 'getCustomer',
        tags: ['Customers'],
        summary: 'Everything Tollgate knows of one customer',
        description:
          'Identifiers, lifetime value, usage, the newest revenue and events, what the customer may access now ' +
          'and with which SKU, and their devices.',
        params: customerParams,
        response: { 200: customerDetailSchema, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { orgId } = principalOf(request);
      const { appId, userId } = request.params;

      const app = await findApp(deps.db, orgId, appId);
      const detail = app && (await readCustomerDetail(deps.db, app.id, userId, deps.now()));

      if (!app) {
        throw appNotFound(appId);
      }
      if (!detail) {
        throw customerNotFound(userId);
      }
      return presentCustomerDetail(detail);
    },
  );
}
