import type { Deps } from '../../../deps.js';
import { findApp } from '../../../queries/apps.js';
import { findProduct } from '../../../queries/products.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { problemResponses } from '../../problem.js';
import { appNotFound } from '../apps/problems.js';
import { productNotFound } from './problems.js';
import { presentProduct, productParams, productSchema } from './product-schema.js';

export function getProductRoute(http: HttpApp, deps: Deps): void {
  http.get(
    '/apps/:appId/products/:productId',
    {
      schema: {
        operationId: 'getProduct',
        tags: ['Product SKUs'],
        summary: 'Get a product SKU with the entitlements it grants',
        params: productParams,
        response: { 200: productSchema, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { orgId } = principalOf(request);
      const { appId, productId } = request.params;

      const app = await findApp(deps.db, orgId, appId);
      const product = app && (await findProduct(deps.db, app.id, productId));

      if (!app) {
        throw appNotFound(appId);
      }
      if (!product) {
        throw productNotFound(productId);
      }
      return presentProduct(product);
    },
  );
}
