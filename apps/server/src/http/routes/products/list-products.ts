import { z } from 'zod';
import type { Deps } from '../../../deps.js';
import { findApp } from '../../../queries/apps.js';
import { listProducts } from '../../../queries/products.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { pageOf, pageQuery, pageRequest, toPage } from '../../pagination.js';
import { problemResponses } from '../../problem.js';
import { id } from '../../schemas.js';
import { appParams } from '../apps/app-schema.js';
import { appNotFound } from '../apps/problems.js';
import { presentProduct, productSchema } from './product-schema.js';

export function listProductsRoute(http: HttpApp, deps: Deps): void {
  http.get(
    '/apps/:appId/products',
    {
      schema: {
        operationId: 'listProducts',
        tags: ['Product SKUs'],
        summary: "List an app's product SKUs, oldest first",
        params: appParams,
        querystring: z.strictObject({
          ...pageQuery,
          app_platform_id: id.optional().describe('Only the SKUs of this app platform'),
        }),
        response: { 200: pageOf(productSchema), ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { orgId } = principalOf(request);
      const page = pageRequest(request.query);

      const app = await findApp(deps.db, orgId, request.params.appId);
      if (!app) {
        throw appNotFound(request.params.appId);
      }
      const products = await listProducts(deps.db, app.id, { appPlatformId: request.query.app_platform_id }, page);

      return toPage(products, page, presentProduct);
    },
  );
}
