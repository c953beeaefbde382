import type { Deps } from '../../../deps.js';
import { deleteProduct } from '../../../use-cases/delete-product.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { problemResponses } from '../../problem.js';
import { noContent } from '../../schemas.js';
import { appNotFound } from '../apps/problems.js';
import { productNotFound } from './problems.js';
import { productParams } from './product-schema.js';

export function deleteProductRoute(http: HttpApp, deps: Deps): void {
  http.delete(
    '/apps/:appId/products/:productId',
    {
      schema: {
        operationId: 'deleteProduct',
        tags: ['Product SKUs'],
        summary: 'Delete a product SKU',
        params: productParams,
        response: { 204: noContent, ...problemResponses(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const { orgId } = principalOf(request);
      const { appId, productId } = request.params;

      const result = await deleteProduct(deps, { orgId, appId, productId });

      switch (result.outcome) {
        case 'deleted':
          return reply.code(204).send();
        case 'app_not_found':
          throw appNotFound(appId);
        case 'product_not_found':
          throw productNotFound(productId);
      }
    },
  );
}
