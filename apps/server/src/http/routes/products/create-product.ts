import type { Deps } from '../../../deps.js';
import { createProduct } from '../../../use-cases/create-product.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { problemResponses } from '../../problem.js';
import { appParams } from '../apps/app-schema.js';
import { appNotFound } from '../apps/problems.js';
import { skuRefIdTaken, unknownAppPlatform, unknownEntitlements } from './problems.js';
import { presentProduct, productInput, productSchema } from './product-schema.js';

export function createProductRoute(http: HttpApp, deps: Deps): void {
  http.post(
    '/apps/:appId/products',
    {
      schema: {
        operationId: 'createProduct',
        tags: ['Product SKUs'],
        summary: 'Add a product SKU sold on one app platform, and say which entitlements it grants',
        params: appParams,
        body: productInput,
        response: { 201: productSchema, ...problemResponses(400, 401, 404, 409, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const { orgId } = principalOf(request);
      const { app_platform_id, sku_ref_id, name, type, entitlement_ids } = request.body;

      const result = await createProduct(deps, {
        orgId,
        appId: request.params.appId,
        appPlatformId: app_platform_id,
        skuRefId: sku_ref_id,
        name,
        type,
        entitlementIds: entitlement_ids,
      });

      switch (result.outcome) {
        case 'created':
          return reply.code(201).send(presentProduct(result.product));
        case 'app_not_found':
          throw appNotFound(request.params.appId);
        case 'app_platform_not_found':
          throw unknownAppPlatform();
        case 'unknown_entitlements':
          throw unknownEntitlements(result.positions);
        case 'sku_ref_id_taken':
          throw skuRefIdTaken();
      }
    },
  );
}
