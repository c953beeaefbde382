import type { Deps } from '../../../deps.js';
import { updateProduct } from '../../../use-cases/update-product.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { problemResponses } from '../../problem.js';
import { someFields } from '../../schemas.js';
import { appNotFound } from '../apps/problems.js';
import { productNotFound, skuRefIdTaken, unknownEntitlements } from './problems.js';
import { presentProduct, productChanges, productParams, productSchema } from './product-schema.js';

export function updateProductRoute(http: HttpApp, deps: Deps): void {
  http.patch(
    '/apps/:appId/products/:productId',
    {
      schema: {
        operationId: 'updateProduct',
        tags: ['Product SKUs'],
        summary: 'Change a product SKU; entitlement_ids, when given, replaces what it grants',
        params: productParams,
        body: someFields(productChanges),
        response: { 200: productSchema, ...problemResponses(400, 401, 404, 409, 413, 415, 422) },
      },
    },
    async (request) => {
      const { orgId } = principalOf(request);
      const { appId, productId } = request.params;

      const result = await updateProduct(deps, { orgId, appId, productId, changes: request.body });

      switch (result.outcome) {
        case 'updated':
          return presentProduct(result.product);
        case 'app_not_found':
          throw appNotFound(appId);
        case 'product_not_found':
          throw productNotFound(productId);
        case 'unknown_entitlements':
          throw unknownEntitlements(result.positions);
        case 'sku_ref_id_taken':
          throw skuRefIdTaken();
      }
    },
  );
}
